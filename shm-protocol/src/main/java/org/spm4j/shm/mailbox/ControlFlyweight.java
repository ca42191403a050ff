package org.spm4j.shm.mailbox;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

import org.agrona.MutableDirectBuffer;
import org.spm4j.shm.ProtocolException;

/**
 * CONTROL, hub to spoke: a command with one value (the task to cancel, the new fence).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                            Value                              |  0
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |            Command            |
 *  +-------------------------------+
 * </pre>
 */
public final class ControlFlyweight
{
    private static final int VALUE_OFFSET = 0;
    private static final int COMMAND_OFFSET = VALUE_OFFSET + SIZE_OF_LONG;

    /** Length of a CONTROL message. */
    public static final int LENGTH = COMMAND_OFFSET + SIZE_OF_INT;

    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding a received CONTROL.
     * @param offset where it starts.
     * @param length record length.
     * @return this, wrapped.
     * @throws ProtocolException if the length is not that of a CONTROL message.
     */
    public ControlFlyweight wrap(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        if (LENGTH != length)
        {
            throw new ProtocolException("CONTROL message at offset " + offset + " is " + length + " bytes instead of " +
                LENGTH);
        }
        return wrapForWrite(buffer, offset);
    }

    /**
     * @param buffer claimed buffer of {@link #LENGTH} bytes.
     * @param offset where the message starts.
     * @return this, wrapped for writing.
     */
    public ControlFlyweight wrapForWrite(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * @return the command.
     * @throws ProtocolException if the command code is unknown.
     */
    public ControlCommand command()
    {
        return ControlCommand.fromCode(buffer.getInt(offset + COMMAND_OFFSET));
    }

    /**
     * @param command the command.
     * @return this.
     */
    public ControlFlyweight command(final ControlCommand command)
    {
        buffer.putInt(offset + COMMAND_OFFSET, command.code());
        return this;
    }

    /**
     * @return the command's value.
     */
    public long value()
    {
        return buffer.getLong(offset + VALUE_OFFSET);
    }

    /**
     * @param value the command's value.
     * @return this.
     */
    public ControlFlyweight value(final long value)
    {
        buffer.putLong(offset + VALUE_OFFSET, value);
        return this;
    }
}

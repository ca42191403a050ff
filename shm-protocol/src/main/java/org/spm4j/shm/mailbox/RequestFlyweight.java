package org.spm4j.shm.mailbox;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

import org.agrona.MutableDirectBuffer;

/**
 * REQUEST, spoke to hub: a message from a running task attempt; the hub may answer with a REPLY carrying
 * the same correlation id. A request that expects no reply carries {@link #NO_REPLY}.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        Correlation Id                         |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                           Task Id                             |  8
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |           Spoke Id            |            Attempt            | 16
 *  +-------------------------------+-------------------------------+
 *  |        Payload Length         |         Request bytes        ...
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class RequestFlyweight extends PayloadFlyweight
{
    /** Correlation id of a request that expects no reply. */
    public static final long NO_REPLY = -1;

    private static final int CORRELATION_ID_OFFSET = 0;
    private static final int TASK_ID_OFFSET = CORRELATION_ID_OFFSET + SIZE_OF_LONG;
    private static final int SPOKE_ID_OFFSET = TASK_ID_OFFSET + SIZE_OF_LONG;
    private static final int ATTEMPT_OFFSET = SPOKE_ID_OFFSET + SIZE_OF_INT;
    private static final int PAYLOAD_LENGTH_OFFSET = ATTEMPT_OFFSET + SIZE_OF_INT;

    /** Bytes before the request. */
    public static final int HEADER_LENGTH = PAYLOAD_LENGTH_OFFSET + SIZE_OF_INT;

    /**
     * A flyweight wrapping nothing yet.
     */
    public RequestFlyweight()
    {
        super(MessageTypes.REQUEST, HEADER_LENGTH);
    }

    /**
     * @param buffer holding a received REQUEST.
     * @param offset where it starts.
     * @param length record length.
     * @return this, wrapped.
     */
    public RequestFlyweight wrap(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        wrapForDecode(buffer, offset, length);
        return this;
    }

    /**
     * @param buffer        claimed buffer.
     * @param offset        where the message starts.
     * @param payloadLength request length.
     * @return this, wrapped for writing.
     */
    public RequestFlyweight wrapForWrite(final MutableDirectBuffer buffer, final int offset, final int payloadLength)
    {
        wrapForEncode(buffer, offset, payloadLength);
        return this;
    }

    /**
     * @return the correlation id a reply will carry.
     */
    public long correlationId()
    {
        return buffer.getLong(offset + CORRELATION_ID_OFFSET);
    }

    /**
     * @param correlationId the correlation id a reply will carry.
     * @return this.
     */
    public RequestFlyweight correlationId(final long correlationId)
    {
        buffer.putLong(offset + CORRELATION_ID_OFFSET, correlationId);
        return this;
    }

    /**
     * @return the task that sent it.
     */
    public long taskId()
    {
        return buffer.getLong(offset + TASK_ID_OFFSET);
    }

    /**
     * @param taskId the task that sends it.
     * @return this.
     */
    public RequestFlyweight taskId(final long taskId)
    {
        buffer.putLong(offset + TASK_ID_OFFSET, taskId);
        return this;
    }

    /**
     * @return the attempt of the task that sent it.
     */
    public int attempt()
    {
        return buffer.getInt(offset + ATTEMPT_OFFSET);
    }

    /**
     * @param attempt the attempt of the task that sends it.
     * @return this.
     */
    public RequestFlyweight attempt(final int attempt)
    {
        buffer.putInt(offset + ATTEMPT_OFFSET, attempt);
        return this;
    }

    /**
     * @return the spoke that sent it.
     */
    public int spokeId()
    {
        return buffer.getInt(offset + SPOKE_ID_OFFSET);
    }

    /**
     * @param spokeId the spoke that sends it.
     * @return this.
     */
    public RequestFlyweight spokeId(final int spokeId)
    {
        buffer.putInt(offset + SPOKE_ID_OFFSET, spokeId);
        return this;
    }
}

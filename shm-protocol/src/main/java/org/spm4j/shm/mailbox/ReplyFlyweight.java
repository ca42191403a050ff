package org.spm4j.shm.mailbox;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

import org.agrona.MutableDirectBuffer;

/**
 * REPLY, hub to spoke: the answer to the REQUEST with the same correlation id, for the named task attempt.
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
 *  |            Attempt            |        Payload Length         | 16
 *  +-------------------------------+-------------------------------+
 *  |                         Reply bytes                          ...
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class ReplyFlyweight extends PayloadFlyweight
{
    private static final int CORRELATION_ID_OFFSET = 0;
    private static final int TASK_ID_OFFSET = CORRELATION_ID_OFFSET + SIZE_OF_LONG;
    private static final int ATTEMPT_OFFSET = TASK_ID_OFFSET + SIZE_OF_LONG;
    private static final int PAYLOAD_LENGTH_OFFSET = ATTEMPT_OFFSET + SIZE_OF_INT;

    /** Bytes before the reply. */
    public static final int HEADER_LENGTH = PAYLOAD_LENGTH_OFFSET + SIZE_OF_INT;

    /**
     * A flyweight wrapping nothing yet.
     */
    public ReplyFlyweight()
    {
        super(MessageTypes.REPLY, HEADER_LENGTH);
    }

    /**
     * @param buffer holding a received REPLY.
     * @param offset where it starts.
     * @param length record length.
     * @return this, wrapped.
     */
    public ReplyFlyweight wrap(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        wrapForDecode(buffer, offset, length);
        return this;
    }

    /**
     * @param buffer        claimed buffer.
     * @param offset        where the message starts.
     * @param payloadLength reply length.
     * @return this, wrapped for writing.
     */
    public ReplyFlyweight wrapForWrite(final MutableDirectBuffer buffer, final int offset, final int payloadLength)
    {
        wrapForEncode(buffer, offset, payloadLength);
        return this;
    }

    /**
     * @return the correlation id of the request answered.
     */
    public long correlationId()
    {
        return buffer.getLong(offset + CORRELATION_ID_OFFSET);
    }

    /**
     * @param correlationId the correlation id of the request answered.
     * @return this.
     */
    public ReplyFlyweight correlationId(final long correlationId)
    {
        buffer.putLong(offset + CORRELATION_ID_OFFSET, correlationId);
        return this;
    }

    /**
     * @return the attempt the reply is for.
     */
    public int attempt()
    {
        return buffer.getInt(offset + ATTEMPT_OFFSET);
    }

    /**
     * @param attempt the attempt the reply is for.
     * @return this.
     */
    public ReplyFlyweight attempt(final int attempt)
    {
        buffer.putInt(offset + ATTEMPT_OFFSET, attempt);
        return this;
    }

    /**
     * @return the task the reply is for.
     */
    public long taskId()
    {
        return buffer.getLong(offset + TASK_ID_OFFSET);
    }

    /**
     * @param taskId the task the reply is for.
     * @return this.
     */
    public ReplyFlyweight taskId(final long taskId)
    {
        buffer.putLong(offset + TASK_ID_OFFSET, taskId);
        return this;
    }
}

package org.spm4j.shm.mailbox;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

import org.agrona.MutableDirectBuffer;

/**
 * STATUS, spoke to hub: a task attempt ended. On success the payload is the result; on failure the
 * journal index names the error record and the payload is empty.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                           Task Id                             |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |             Journal Index (NO_JOURNAL_INDEX if none)          |  8
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |            Attempt            |           Spoke Id            | 16
 *  +-------------------------------+-------------------------------+
 *  |            Outcome            |        Payload Length         | 24
 *  +-------------------------------+-------------------------------+
 *  |                         Result bytes                         ...
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class StatusFlyweight extends PayloadFlyweight
{
    /** Journal index of a status that has no error record. */
    public static final long NO_JOURNAL_INDEX = -1;
    /**
     * Journal index of a FAILED status whose spoke could not write the error record (the journal append
     * threw): the task failed, and nothing in the journal says why. The same value as
     * {@link #NO_JOURNAL_INDEX}: on a FAILED status it can mean nothing else, since a record's journal
     * index is never negative.
     */
    public static final long NO_RECORD = NO_JOURNAL_INDEX;

    private static final int TASK_ID_OFFSET = 0;
    private static final int JOURNAL_INDEX_OFFSET = TASK_ID_OFFSET + SIZE_OF_LONG;
    private static final int ATTEMPT_OFFSET = JOURNAL_INDEX_OFFSET + SIZE_OF_LONG;
    private static final int SPOKE_ID_OFFSET = ATTEMPT_OFFSET + SIZE_OF_INT;
    private static final int OUTCOME_OFFSET = SPOKE_ID_OFFSET + SIZE_OF_INT;
    private static final int PAYLOAD_LENGTH_OFFSET = OUTCOME_OFFSET + SIZE_OF_INT;

    /** Bytes before the result. */
    public static final int HEADER_LENGTH = PAYLOAD_LENGTH_OFFSET + SIZE_OF_INT;

    /**
     * A flyweight wrapping nothing yet.
     */
    public StatusFlyweight()
    {
        super(MessageTypes.STATUS, HEADER_LENGTH);
    }

    /**
     * @param buffer holding a received STATUS.
     * @param offset where it starts.
     * @param length record length.
     * @return this, wrapped.
     */
    public StatusFlyweight wrap(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        wrapForDecode(buffer, offset, length);
        return this;
    }

    /**
     * @param buffer        claimed buffer.
     * @param offset        where the message starts.
     * @param payloadLength result length.
     * @return this, wrapped for writing.
     */
    public StatusFlyweight wrapForWrite(final MutableDirectBuffer buffer, final int offset, final int payloadLength)
    {
        wrapForEncode(buffer, offset, payloadLength);
        return this;
    }

    /**
     * @return the task id.
     */
    public long taskId()
    {
        return buffer.getLong(offset + TASK_ID_OFFSET);
    }

    /**
     * @param taskId the task id.
     * @return this.
     */
    public StatusFlyweight taskId(final long taskId)
    {
        buffer.putLong(offset + TASK_ID_OFFSET, taskId);
        return this;
    }

    /**
     * @return index of the error record, {@link #NO_JOURNAL_INDEX} if none.
     */
    public long journalIndex()
    {
        return buffer.getLong(offset + JOURNAL_INDEX_OFFSET);
    }

    /**
     * @param journalIndex index of the error record, {@link #NO_JOURNAL_INDEX} if none.
     * @return this.
     */
    public StatusFlyweight journalIndex(final long journalIndex)
    {
        buffer.putLong(offset + JOURNAL_INDEX_OFFSET, journalIndex);
        return this;
    }

    /**
     * @return the attempt that ended.
     */
    public int attempt()
    {
        return buffer.getInt(offset + ATTEMPT_OFFSET);
    }

    /**
     * @param attempt the attempt that ended.
     * @return this.
     */
    public StatusFlyweight attempt(final int attempt)
    {
        buffer.putInt(offset + ATTEMPT_OFFSET, attempt);
        return this;
    }

    /**
     * @return the spoke that ran it.
     */
    public int spokeId()
    {
        return buffer.getInt(offset + SPOKE_ID_OFFSET);
    }

    /**
     * @param spokeId the spoke that ran it.
     * @return this.
     */
    public StatusFlyweight spokeId(final int spokeId)
    {
        buffer.putInt(offset + SPOKE_ID_OFFSET, spokeId);
        return this;
    }

    /**
     * @return how the attempt ended.
     * @throws org.spm4j.shm.ProtocolException if the outcome code is unknown.
     */
    public TaskOutcome outcome()
    {
        return TaskOutcome.fromCode(buffer.getInt(offset + OUTCOME_OFFSET));
    }

    /**
     * @param outcome how the attempt ended.
     * @return this.
     */
    public StatusFlyweight outcome(final TaskOutcome outcome)
    {
        buffer.putInt(offset + OUTCOME_OFFSET, outcome.code());
        return this;
    }
}

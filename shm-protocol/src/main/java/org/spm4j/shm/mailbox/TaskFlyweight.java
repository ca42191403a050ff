package org.spm4j.shm.mailbox;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

import org.agrona.MutableDirectBuffer;

/**
 * TASK, hub to spoke: run closure {@code closureId} on the argument bytes, as part of manager run
 * {@code runId}.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                           Task Id                             |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                            Run Id                             |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          Deadline (ms of running time, 0 for none)            | 16
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |          Closure Id           |            Attempt            | 24
 *  +-------------------------------+-------------------------------+
 *  |             Flags             |        Payload Length         | 32
 *  +-------------------------------+-------------------------------+
 *  |                        Argument bytes                        ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Flags say which messages the running task may send: {@link #MAY_REQUEST} to the hub,
 * {@link #MAY_MESSAGE_PEERS} to other spokes; {@link #ELEMENTS} says the task is a chunk of many
 * (see {@link ElementPayloads}); {@link #CONCURRENT} that it runs beside the spoke's other tasks.
 */
public final class TaskFlyweight extends PayloadFlyweight
{
    /** Deadline of a task that has none. */
    public static final long NO_DEADLINE = 0;
    /** Flag: the task may send REQUESTs to the hub. */
    public static final int MAY_REQUEST = 1;
    /** Flag: the task may send PEER messages to other spokes. */
    public static final int MAY_MESSAGE_PEERS = 2;
    /** Flag: the argument is a chunk's arguments, each element a task, as {@link ElementPayloads} lays out. */
    public static final int ELEMENTS = 4;
    /**
     * Flag: the task runs as soon as it arrives, on a thread of its own beside the spoke's other tasks (it mostly
     * waits, for a child process), so that as many run at once as the hub keeps in flight on the spoke. It sends no
     * messages and is never a chunk.
     */
    public static final int CONCURRENT = 8;

    private static final int TASK_ID_OFFSET = 0;
    private static final int RUN_ID_OFFSET = TASK_ID_OFFSET + SIZE_OF_LONG;
    private static final int DEADLINE_OFFSET = RUN_ID_OFFSET + SIZE_OF_LONG;
    private static final int CLOSURE_ID_OFFSET = DEADLINE_OFFSET + SIZE_OF_LONG;
    private static final int ATTEMPT_OFFSET = CLOSURE_ID_OFFSET + SIZE_OF_INT;
    private static final int FLAGS_OFFSET = ATTEMPT_OFFSET + SIZE_OF_INT;
    private static final int PAYLOAD_LENGTH_OFFSET = FLAGS_OFFSET + SIZE_OF_INT;

    /** Bytes before the argument. */
    public static final int HEADER_LENGTH = PAYLOAD_LENGTH_OFFSET + SIZE_OF_INT;

    /**
     * A flyweight wrapping nothing yet.
     */
    public TaskFlyweight()
    {
        super(MessageTypes.TASK, HEADER_LENGTH);
    }

    /**
     * @param buffer holding a received TASK.
     * @param offset where it starts.
     * @param length record length.
     * @return this, wrapped.
     */
    public TaskFlyweight wrap(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        wrapForDecode(buffer, offset, length);
        return this;
    }

    /**
     * @param buffer        claimed buffer.
     * @param offset        where the message starts.
     * @param payloadLength argument length.
     * @return this, wrapped for writing.
     */
    public TaskFlyweight wrapForWrite(final MutableDirectBuffer buffer, final int offset, final int payloadLength)
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
    public TaskFlyweight taskId(final long taskId)
    {
        buffer.putLong(offset + TASK_ID_OFFSET, taskId);
        return this;
    }

    /**
     * @return which messages the task may send, see {@link #MAY_REQUEST} and {@link #MAY_MESSAGE_PEERS}.
     */
    public int flags()
    {
        return buffer.getInt(offset + FLAGS_OFFSET);
    }

    /**
     * @param flags which messages the task may send.
     * @return this.
     */
    public TaskFlyweight flags(final int flags)
    {
        buffer.putInt(offset + FLAGS_OFFSET, flags);
        return this;
    }

    /**
     * @return the manager run the task belongs to.
     */
    public long runId()
    {
        return buffer.getLong(offset + RUN_ID_OFFSET);
    }

    /**
     * @param runId the manager run the task belongs to.
     * @return this.
     */
    public TaskFlyweight runId(final long runId)
    {
        buffer.putLong(offset + RUN_ID_OFFSET, runId);
        return this;
    }

    /**
     * @return the most milliseconds the task may run, {@link #NO_DEADLINE} if no limit.
     */
    public long deadlineMs()
    {
        return buffer.getLong(offset + DEADLINE_OFFSET);
    }

    /**
     * @param deadlineMs the most milliseconds the task may run, {@link #NO_DEADLINE} if no limit.
     * @return this.
     */
    public TaskFlyweight deadlineMs(final long deadlineMs)
    {
        buffer.putLong(offset + DEADLINE_OFFSET, deadlineMs);
        return this;
    }

    /**
     * @return the closure to run, its sequence number in the closure table.
     */
    public int closureId()
    {
        return buffer.getInt(offset + CLOSURE_ID_OFFSET);
    }

    /**
     * @param closureId the closure to run.
     * @return this.
     */
    public TaskFlyweight closureId(final int closureId)
    {
        buffer.putInt(offset + CLOSURE_ID_OFFSET, closureId);
        return this;
    }

    /**
     * @return the attempt, 1 for the first.
     */
    public int attempt()
    {
        return buffer.getInt(offset + ATTEMPT_OFFSET);
    }

    /**
     * @param attempt the attempt, 1 for the first.
     * @return this.
     */
    public TaskFlyweight attempt(final int attempt)
    {
        buffer.putInt(offset + ATTEMPT_OFFSET, attempt);
        return this;
    }
}

package org.spm4j.internal.task;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.spm4j.TaskClosure;
import org.spm4j.internal.closure.ClosureCache;
import org.spm4j.internal.codec.JournalArguments;
import org.spm4j.internal.codec.LargeValues;
import org.spm4j.internal.journal.FailureRecords;
import org.spm4j.internal.journal.ThrowableText;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.journal.ErrorRecord;
import org.spm4j.shm.mailbox.StatusFlyweight;
import org.spm4j.shm.mailbox.TaskFlyweight;

/**
 * Runs one task the way every spoke does, and a serial pool too: find the closure, decode the
 * argument, apply, encode the result; any failure on the way becomes an error journal record. A result too
 * large for a status message goes to a segment the hub deletes once it has it. Writing
 * that record never throws: a failure whose record cannot be appended is reported with
 * {@link StatusFlyweight#NO_RECORD} as its journal index. One thread.
 */
public final class TaskEvaluator
{
    /** What {@link #evaluate} returns when the task failed; see {@link #journalIndex()}. */
    public static final int FAILED = -1;

    private static final int INITIAL_RESULT_CAPACITY = 256;
    private static final int SMALLEST_KEPT_RESULT_CAPACITY = 64 * 1024;

    private final String poolId;
    private final int spokeId;
    private final long pid = ProcessHandle.current().pid();
    private final ClosureCache closures;
    private final LargeValues values;
    private final JournalSink journal;
    private final TaskMessenger messenger;
    private final int maxResultLength;
    private final int maxKeptResultCapacity;
    private ExpandableArrayBuffer result = new ExpandableArrayBuffer(INITIAL_RESULT_CAPACITY);
    private long journalIndex;
    private int resultReserve;
    private boolean inChunk;

    /**
     * Where failure records go.
     */
    @FunctionalInterface
    public interface JournalSink
    {
        /**
         * @param record a failure record.
         * @return its journal index.
         */
        long append(ErrorRecord record);

        /**
         * Get ready for a failure that must not wait for the journal to open; appending gets ready by itself.
         */
        default void prepare()
        {
        }

        /**
         * @return the most bytes a record may take; asking may get the journal ready, as appending would.
         */
        default int maxRecordLength()
        {
            return Integer.MAX_VALUE;
        }
    }

    /**
     * @param poolId          the pool, for records.
     * @param spokeId         the spoke (or rank) evaluating.
     * @param closures        the closures it may run.
     * @param values          how arguments and results become values, and where those too large for a message go.
     * @param journal         where failures are recorded.
     * @param messenger       how tasks message the hub and peers.
     * @param maxResultLength the most bytes an encoded result may take.
     */
    public TaskEvaluator(
        final String poolId,
        final int spokeId,
        final ClosureCache closures,
        final LargeValues values,
        final JournalSink journal,
        final TaskMessenger messenger,
        final int maxResultLength)
    {
        this.messenger = messenger;
        this.maxResultLength = maxResultLength;
        this.maxKeptResultCapacity = Math.max(SMALLEST_KEPT_RESULT_CAPACITY, 2 * maxResultLength);
        this.poolId = poolId;
        this.spokeId = spokeId;
        this.closures = closures;
        this.values = values;
        this.journal = journal;
    }

    /**
     * @param taskId    the task.
     * @param runId     its manager run.
     * @param closureId the closure to apply.
     * @param attempt   the attempt.
     * @param flags     which messages the task may send.
     * @param argument  encoded argument.
     * @param offset    where it starts.
     * @param length    its length.
     * @return the length of the encoded result in {@link #result()}, or {@link #FAILED}.
     */
    @SuppressWarnings("unchecked")
    public int evaluate(
        final long taskId,
        final long runId,
        final int closureId,
        final int attempt,
        final int flags,
        final DirectBuffer argument,
        final int offset,
        final int length)
    {
        // named only once the table has the closure; a failure before that names its id instead
        String closureName = null;
        final boolean crew = 0 != (flags & TaskFlyweight.MAY_MESSAGE_PEERS);
        final int argumentOffset = crew ? offset + CrewArguments.PREFIX_LENGTH : offset;
        final int argumentLength = crew ? length - CrewArguments.PREFIX_LENGTH : length;
        messenger.begin(taskId, runId, attempt, flags);
        if (!inChunk)
        {
            TaskContext.enter(messenger);
        }
        try
        {
            closureName = closures.name(closureId);
            if (crew)
            {
                messenger.beginCrew(argument.getInt(offset), argument.getInt(offset + Integer.BYTES));
            }
            final TaskClosure<Object, Object> closure = (TaskClosure<Object, Object>)closures.closure(closureId);
            final Object value = closure.apply(decodeArgument(argument, argumentOffset, argumentLength));
            return encodeResult(value);
        }
        catch (final Throwable ex)
        {
            return failWith(ex, taskId, runId, attempt, closureId, closureName, argument, argumentOffset,
                argumentLength);
        }
        finally
        {
            if (!inChunk)
            {
                TaskContext.leave();
            }
        }
    }

    /**
     * Make a task ready to run on another thread, one that neither asks the hub nor messages peers (those messages
     * go through this thread's task context): find its closure and decode its argument.
     *
     * @param taskId    the task.
     * @param runId     its manager run.
     * @param closureId the closure to apply.
     * @param attempt   the attempt.
     * @param argument  encoded argument, kept unchanged until {@link #complete}.
     * @param offset    where it starts.
     * @param length    its length.
     * @return the task ready to {@link TaskApplication#run()}; null if it failed already, its record's journal
     *         index in {@link #journalIndex()}.
     */
    @SuppressWarnings("unchecked")
    public TaskApplication prepare(
        final long taskId,
        final long runId,
        final int closureId,
        final int attempt,
        final DirectBuffer argument,
        final int offset,
        final int length)
    {
        String closureName = null;
        try
        {
            closureName = closures.name(closureId);
            final TaskClosure<Object, Object> closure = (TaskClosure<Object, Object>)closures.closure(closureId);
            return new TaskApplication(taskId, runId, closureId, attempt, closureName, closure,
                decodeArgument(argument, offset, length));
        }
        catch (final Throwable ex)
        {
            failWith(ex, taskId, runId, attempt, closureId, closureName, argument, offset, length);
            return null;
        }
    }

    /**
     * End a task {@link #prepare}d and run on another thread, as {@link #evaluate} ends one.
     *
     * @param task     the task, run.
     * @param argument its encoded argument, as prepared.
     * @param offset   where it starts.
     * @param length   its length.
     * @return the length of the encoded result in {@link #result()}, or {@link #FAILED}.
     */
    public int complete(final TaskApplication task, final DirectBuffer argument, final int offset, final int length)
    {
        try
        {
            if (null != task.failure())
            {
                throw task.failure();
            }
            return encodeResult(task.value());
        }
        catch (final Throwable ex)
        {
            return failWith(ex, task.taskId, task.runId, task.attempt, task.closureId, task.closureName, argument,
                offset, length);
        }
    }

    /**
     * Evaluate the next tasks as the elements of one chunk, until {@link #endChunk()}: the thread stays in the
     * task context between them, since entering it for each would cost more than a small task, and their
     * results must leave room in a status message for the chunk's own bytes.
     *
     * @param reserve bytes of a status message each result must leave free.
     */
    public void beginChunk(final int reserve)
    {
        resultReserve = reserve;
        inChunk = true;
        TaskContext.enter(messenger);
    }

    /**
     * The chunk {@link #beginChunk} began has ended.
     */
    public void endChunk()
    {
        TaskContext.leave();
        inChunk = false;
        resultReserve = 0;
    }

    /**
     * @return the most bytes a result may take, before any reserve.
     */
    public int maxResultLength()
    {
        return maxResultLength;
    }

    /**
     * A task with a deadline is about to run: a failure of it near its deadline must be recorded in time, so the
     * journal, which a spoke opens at its first failure, gets ready now.
     */
    public void prepareForDeadline()
    {
        journal.prepare();
    }

    /**
     * @return the buffer holding the last result.
     */
    public DirectBuffer result()
    {
        return result;
    }

    /**
     * @return journal index of the last failure, {@link StatusFlyweight#NO_RECORD} if its record could not be
     *         written.
     */
    public long journalIndex()
    {
        return journalIndex;
    }

    private Object decodeArgument(final DirectBuffer argument, final int offset, final int length)
    {
        try
        {
            return values.decode(argument, offset, length);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("argument cannot be decoded on spoke " + spokeId + ": " +
                ex.getMessage(), ex);
        }
    }

    /**
     * A result buffer grown for a large result is let go, so that a spoke does not keep it while idle.
     */
    private int encodeResult(final Object value)
    {
        int length = FAILED;
        try
        {
            length = spill(encodeInline(value));
            return length;
        }
        finally
        {
            keepResultBufferSmall(length);
        }
    }

    private int encodeInline(final Object value)
    {
        try
        {
            return values.encodeInline(value, result, 0);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("result cannot be encoded: " + ex.getMessage(), ex);
        }
    }

    private int spill(final int length)
    {
        try
        {
            return values.spillIfOver(result, 0, length, maxResultLength - resultReserve);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("result does not fit: " + ex.getMessage(), ex);
        }
    }

    /**
     * @param length the bytes of the result to keep, {@link #FAILED} for none.
     */
    private void keepResultBufferSmall(final int length)
    {
        if (result.capacity() > maxKeptResultCapacity)
        {
            final ExpandableArrayBuffer small = new ExpandableArrayBuffer(INITIAL_RESULT_CAPACITY);
            if (length > 0)
            {
                small.putBytes(0, result, 0, length);
            }
            result = small;
        }
    }

    /**
     * A failure of a task becomes a record; one of the JVM's own ends the spoke, a stack overflow excepted.
     */
    private int failWith(
        final Throwable failure,
        final long taskId,
        final long runId,
        final int attempt,
        final int closureId,
        final String closureName,
        final DirectBuffer argument,
        final int offset,
        final int length)
    {
        if (failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError))
        {
            throw (VirtualMachineError)failure;
        }
        final ErrorKind kind = failure instanceof ProtocolException ? ErrorKind.PROTOCOL_VIOLATION :
            ErrorKind.TASK_FAILED;
        return fail(kind, taskId, runId, attempt, closureId, closureName, failure, argument, offset, length);
    }

    private int fail(
        final ErrorKind kind,
        final long taskId,
        final long runId,
        final int attempt,
        final int closureId,
        final String closureName,
        final Throwable failure,
        final DirectBuffer argument,
        final int offset,
        final int length)
    {
        journalIndex = StatusFlyweight.NO_RECORD;
        try
        {
            final byte[] argumentBytes = JournalArguments.keep(
                values.segments(), argument, offset, length, journal.maxRecordLength());
            final String name = null == closureName ? "#" + closureId : closureName;
            journalIndex = journal.append(FailureRecords.create(
                new FailureRecords.Site(poolId, runId, taskId, attempt, name, spokeId, pid), kind, failure,
                argumentBytes, closures.bytes(closureId)));
        }
        catch (final Throwable ex)
        {
            System.err.println("spoke " + spokeId + " could not record the failure of task " + taskId + " attempt " +
                attempt + " (" + failure.getClass().getName() + "): " + ThrowableText.header(ex));
        }
        return FAILED;
    }
}

package org.spm4j.internal;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.spm4j.Codec;
import org.spm4j.TaskClosure;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.mailbox.TaskFlyweight;
import org.spm4j.shm.journal.ErrorRecord;

/**
 * Runs one task the way every spoke does, and a serial pool too: find the closure, decode the
 * argument, apply, encode the result; any failure on the way becomes an error journal record. One
 * thread.
 */
public final class TaskEvaluator
{
    /** What {@link #evaluate} returns when the task failed; see {@link #journalIndex()}. */
    public static final int FAILED = -1;

    private final String poolId;
    private final int spokeId;
    private final long pid = ProcessHandle.current().pid();
    private final ClosureCache closures;
    private final Codec codec;
    private final JournalSink journal;
    private final TaskMessenger messenger;
    private final int maxResultLength;
    private final ExpandableArrayBuffer result = new ExpandableArrayBuffer(256);
    private long journalIndex;

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
    }

    TaskEvaluator(
        final String poolId,
        final int spokeId,
        final ClosureCache closures,
        final Codec codec,
        final JournalSink journal,
        final TaskMessenger messenger,
        final int maxResultLength)
    {
        this.messenger = messenger;
        this.maxResultLength = maxResultLength;
        this.poolId = poolId;
        this.spokeId = spokeId;
        this.closures = closures;
        this.codec = codec;
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
        String closureName = "#" + closureId;
        messenger.begin(taskId, runId, attempt, flags);
        TaskContext.enter(messenger);
        try
        {
            closureName = closures.name(closureId);
            final TaskClosure<Object, Object> closure = (TaskClosure<Object, Object>)closures.closure(closureId);
            final Object value = closure.apply(0 == (flags & TaskFlyweight.MAY_MESSAGE_PEERS) ?
                decodeArgument(argument, offset, length) : decodeCrewArgument(argument, offset, length));
            return encodeResult(value);
        }
        catch (final ProtocolException ex)
        {
            return fail(
                ErrorKind.PROTOCOL_VIOLATION, taskId, runId, attempt, closureName, ex, argument, offset, length);
        }
        catch (final StackOverflowError | Exception ex)
        {
            return fail(ErrorKind.TASK_FAILED, taskId, runId, attempt, closureName, ex, argument, offset, length);
        }
        catch (final VirtualMachineError ex)
        {
            throw ex;
        }
        catch (final Error ex)
        {
            return fail(ErrorKind.TASK_FAILED, taskId, runId, attempt, closureName, ex, argument, offset, length);
        }
        finally
        {
            TaskContext.leave();
        }
    }

    /**
     * @return the buffer holding the last result.
     */
    public DirectBuffer result()
    {
        return result;
    }

    /**
     * @return journal index of the last failure.
     */
    public long journalIndex()
    {
        return journalIndex;
    }

    private Object decodeArgument(final DirectBuffer argument, final int offset, final int length)
    {
        try
        {
            return codec.decode(argument, offset, length);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("argument cannot be decoded on spoke " + spokeId + ": " +
                ex.getMessage(), ex);
        }
    }

    /**
     * A crew task's argument starts with its rank and the crew's size.
     */
    private Object decodeCrewArgument(final DirectBuffer argument, final int offset, final int length)
    {
        messenger.beginCrew(argument.getInt(offset), argument.getInt(offset + Integer.BYTES));
        return decodeArgument(argument, offset + CrewArguments.PREFIX_LENGTH, length - CrewArguments.PREFIX_LENGTH);
    }

    private int encodeResult(final Object value)
    {
        final int length;
        try
        {
            length = codec.encode(value, result, 0);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("result cannot be encoded: " + ex.getMessage(), ex);
        }
        if (length > maxResultLength)
        {
            throw new IllegalArgumentException("result of " + length + " encoded bytes exceeds the " +
                maxResultLength + "-byte limit of a status message; return less or raise PoolBuilder.inboxCapacity");
        }
        return length;
    }

    private int fail(
        final ErrorKind kind,
        final long taskId,
        final long runId,
        final int attempt,
        final String closureName,
        final Throwable failure,
        final DirectBuffer argument,
        final int offset,
        final int length)
    {
        final byte[] argumentBytes = new byte[length];
        argument.getBytes(offset, argumentBytes);
        journalIndex = journal.append(FailureRecords.create(
            new FailureRecords.Site(poolId, runId, taskId, attempt, closureName, spokeId, pid), kind, failure,
            argumentBytes));
        return FAILED;
    }
}

package org.spm4j.internal.journal;

import org.spm4j.internal.codec.JournalArguments;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.journal.ErrorRecord;

/**
 * Builds the journal record of a failed task attempt, the same whether a spoke writes it or the hub
 * writes it on a spoke's behalf. The exception is read through {@link ThrowableText} and
 * {@link ExceptionBytes}, so an exception whose own methods throw still gets a record. An argument too large to
 * keep is said so at the end of the stack trace, as the journal notes what it cuts to fit.
 */
public final class FailureRecords
{
    private FailureRecords()
    {
    }

    /**
     * Where and what failed.
     *
     * @param poolId      the pool.
     * @param runId       the manager run.
     * @param taskId      the task.
     * @param attempt     the attempt.
     * @param closureName the closure it ran.
     * @param spokeId     the spoke it ran on, -1 for the hub.
     * @param pid         the process that saw the failure.
     */
    public record Site(String poolId, long runId, long taskId, int attempt, String closureName, int spokeId, long pid)
    {
    }

    /**
     * @param site     where and what failed.
     * @param kind     how.
     * @param failure  the exception.
     * @param argument the task's encoded argument, as {@link JournalArguments#keep} keeps it, for replay.
     * @param closure  the serialized closure it ran, for replay.
     * @return the record.
     */
    public static ErrorRecord create(
        final Site site, final ErrorKind kind, final Throwable failure, final byte[] argument, final byte[] closure)
    {
        return ErrorRecord.builder()
            .poolId(site.poolId())
            .runId(site.runId())
            .taskId(site.taskId())
            .attempt(site.attempt())
            .closureName(site.closureName())
            .spokeId(site.spokeId())
            .pid(site.pid())
            .timeEpochMs(System.currentTimeMillis())
            .kind(kind)
            .exceptionClass(failure.getClass().getName())
            .message(ThrowableText.message(failure))
            .stackTrace(ThrowableText.stackTrace(failure) + JournalArguments.note(argument))
            .exceptionBytes(ExceptionBytes.serialize(failure))
            .argumentBytes(argument)
            .closureBytes(closure)
            .build();
    }
}

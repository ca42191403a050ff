package org.spm4j;

import org.spm4j.internal.journal.DeferredException;

/**
 * One failed task attempt as the hub saw it: what failed, where, and the remote exception, taken from
 * the error journal record the failure produced. Immutable and thread-safe.
 * <p>
 * A failure read from the journal makes its exception at the first call of {@link #exception()} (rebuilding it
 * costs more than the rest of the failure, and a policy that retries or ignores never needs it); every call returns
 * that same exception.
 *
 * @param kind             why it failed.
 * @param taskId           the task id.
 * @param attempt          the attempt, 1 for the first.
 * @param closureName      the name of the closure the task ran.
 * @param spokeId          the spoke it ran on, -1 for the hub.
 * @param pid              the process id of that spoke (or hub).
 * @param journalIndex     index of the failure's record in its spoke's queue of the error journal (the hub's own
 *                         queue for a failure of the hub itself, {@code spokeId} -1); -1 if it has no record.
 * @param remoteClass      class name of the remote exception.
 * @param remoteMessage    message of the remote exception, may be null.
 * @param remoteStackTrace full stack trace text of the remote exception, causes and suppressed included.
 * @param exception        the exception rebuilt on the hub: the original where its class loads, else a
 *                         {@link RemoteTaskException} carrying the remote frames.
 */
public record TaskFailure(
    FailureKind kind,
    long taskId,
    int attempt,
    String closureName,
    int spokeId,
    long pid,
    long journalIndex,
    String remoteClass,
    String remoteMessage,
    String remoteStackTrace,
    Throwable exception)
{
    /**
     * @return the exception rebuilt on the hub: the original where its class loads, else a {@link RemoteTaskException}
     *         carrying the remote frames; made at the first call for a failure read from the journal.
     */
    @Override
    public Throwable exception()
    {
        return exception instanceof DeferredException deferred ? deferred.exception() : exception;
    }

    /**
     * @return the same facts, independent of where the task ran: for comparing a serial run with a
     *         parallel one.
     */
    public String describeWithoutPlacement()
    {
        return kind + " task " + taskId + " attempt " + attempt + " of '" + closureName + "': " + remoteClass +
            (null == remoteMessage ? "" : ": " + remoteMessage);
    }

    @Override
    public String toString()
    {
        return kind + " task " + taskId + " attempt " + attempt + " of '" + closureName + "' on " +
            (spokeId < 0 ? "the hub" : "spoke " + spokeId) + " (pid " + pid + "): " + remoteClass +
            (null == remoteMessage ? "" : ": " + remoteMessage) + " [journal index " + journalIndex + "]";
    }
}

package org.spm4j;

/**
 * One failed task attempt as the hub saw it: what failed, where, and the remote exception, taken from
 * the error journal record the failure produced. Immutable and thread-safe.
 */
public final class TaskFailure
{
    private final FailureKind kind;
    private final long taskId;
    private final int attempt;
    private final String closureName;
    private final int spokeId;
    private final long pid;
    private final long journalIndex;
    private final String remoteClass;
    private final String remoteMessage;
    private final String remoteStackTrace;
    private final Throwable exception;

    /**
     * @param kind             why it failed.
     * @param taskId           the task.
     * @param attempt          the attempt, 1 for the first.
     * @param closureName      the closure it ran.
     * @param spokeId          the spoke it ran on, -1 for the hub.
     * @param pid              that process's id.
     * @param journalIndex     index of its error journal record.
     * @param remoteClass      class name of the remote exception.
     * @param remoteMessage    its message, may be null.
     * @param remoteStackTrace its full stack trace text.
     * @param exception        the exception rebuilt on the hub: the original where its class loads, else a
     *                         {@link RemoteTaskException} carrying the remote frames.
     */
    public TaskFailure(
        final FailureKind kind,
        final long taskId,
        final int attempt,
        final String closureName,
        final int spokeId,
        final long pid,
        final long journalIndex,
        final String remoteClass,
        final String remoteMessage,
        final String remoteStackTrace,
        final Throwable exception)
    {
        this.kind = kind;
        this.taskId = taskId;
        this.attempt = attempt;
        this.closureName = closureName;
        this.spokeId = spokeId;
        this.pid = pid;
        this.journalIndex = journalIndex;
        this.remoteClass = remoteClass;
        this.remoteMessage = remoteMessage;
        this.remoteStackTrace = remoteStackTrace;
        this.exception = exception;
    }

    /**
     * @return why it failed.
     */
    public FailureKind kind()
    {
        return kind;
    }

    /**
     * @return the task id.
     */
    public long taskId()
    {
        return taskId;
    }

    /**
     * @return the attempt, 1 for the first.
     */
    public int attempt()
    {
        return attempt;
    }

    /**
     * @return the name of the closure the task ran.
     */
    public String closureName()
    {
        return closureName;
    }

    /**
     * @return the spoke it ran on, -1 for the hub.
     */
    public int spokeId()
    {
        return spokeId;
    }

    /**
     * @return the process id of that spoke (or hub).
     */
    public long pid()
    {
        return pid;
    }

    /**
     * @return index of the failure's record in the error journal.
     */
    public long journalIndex()
    {
        return journalIndex;
    }

    /**
     * @return class name of the remote exception.
     */
    public String remoteClass()
    {
        return remoteClass;
    }

    /**
     * @return message of the remote exception, may be null.
     */
    public String remoteMessage()
    {
        return remoteMessage;
    }

    /**
     * @return full stack trace text of the remote exception, causes and suppressed included.
     */
    public String remoteStackTrace()
    {
        return remoteStackTrace;
    }

    /**
     * @return the exception rebuilt on the hub.
     */
    public Throwable exception()
    {
        return exception;
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

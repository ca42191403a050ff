package org.spm4j.shm.journal;

import java.util.Objects;

/**
 * Collects the fields of an {@link ErrorRecord}. Not thread-safe; {@link #build()} may be called
 * more than once. Byte arrays are copied when set and never changed after, so records built from
 * one builder may share them.
 */
public final class ErrorRecordBuilder
{
    private static final byte[] NO_BYTES = new byte[0];

    String poolId = "";
    long runId;
    long taskId;
    int attempt;
    String closureName = "";
    int spokeId;
    long pid;
    long timeEpochMs;
    ErrorKind kind;
    String exceptionClass = "";
    String message;
    String stackTrace = "";
    byte[] exceptionBytes = NO_BYTES;
    byte[] argumentBytes = NO_BYTES;
    byte[] closureBytes = NO_BYTES;

    ErrorRecordBuilder()
    {
    }

    /**
     * @param poolId the pool the failure happened in.
     * @return this builder.
     */
    public ErrorRecordBuilder poolId(final String poolId)
    {
        this.poolId = Objects.requireNonNull(poolId, "poolId");
        return this;
    }

    /**
     * @param runId the manager run.
     * @return this builder.
     */
    public ErrorRecordBuilder runId(final long runId)
    {
        this.runId = runId;
        return this;
    }

    /**
     * @param taskId the task's id within its run.
     * @return this builder.
     */
    public ErrorRecordBuilder taskId(final long taskId)
    {
        this.taskId = taskId;
        return this;
    }

    /**
     * @param attempt which attempt at the task failed.
     * @return this builder.
     */
    public ErrorRecordBuilder attempt(final int attempt)
    {
        this.attempt = attempt;
        return this;
    }

    /**
     * @param closureName the closure that was evaluating the task.
     * @return this builder.
     */
    public ErrorRecordBuilder closureName(final String closureName)
    {
        this.closureName = Objects.requireNonNull(closureName, "closureName");
        return this;
    }

    /**
     * @param spokeId the spoke the task ran on.
     * @return this builder.
     */
    public ErrorRecordBuilder spokeId(final int spokeId)
    {
        this.spokeId = spokeId;
        return this;
    }

    /**
     * @param pid the spoke's operating system pid.
     * @return this builder.
     */
    public ErrorRecordBuilder pid(final long pid)
    {
        this.pid = pid;
        return this;
    }

    /**
     * @param timeEpochMs when the failure was recorded, in milliseconds since the epoch.
     * @return this builder.
     */
    public ErrorRecordBuilder timeEpochMs(final long timeEpochMs)
    {
        this.timeEpochMs = timeEpochMs;
        return this;
    }

    /**
     * @param kind what went wrong.
     * @return this builder.
     */
    public ErrorRecordBuilder kind(final ErrorKind kind)
    {
        this.kind = Objects.requireNonNull(kind, "kind");
        return this;
    }

    /**
     * @param exceptionClass the exception's class name.
     * @return this builder.
     */
    public ErrorRecordBuilder exceptionClass(final String exceptionClass)
    {
        this.exceptionClass = Objects.requireNonNull(exceptionClass, "exceptionClass");
        return this;
    }

    /**
     * @param message the exception's message, or {@code null} when it had none.
     * @return this builder.
     */
    public ErrorRecordBuilder message(final String message)
    {
        this.message = message;
        return this;
    }

    /**
     * @param stackTrace the full stack trace text.
     * @return this builder.
     */
    public ErrorRecordBuilder stackTrace(final String stackTrace)
    {
        this.stackTrace = Objects.requireNonNull(stackTrace, "stackTrace");
        return this;
    }

    /**
     * Set the class name, message and stack trace text from {@code throwable}. The serialized form
     * is left to {@link #exceptionBytes(byte[])} because how to serialize is the caller's choice.
     *
     * @param throwable the failure.
     * @return this builder.
     */
    public ErrorRecordBuilder exception(final Throwable throwable)
    {
        return exceptionClass(throwable.getClass().getName())
            .message(throwable.getMessage())
            .stackTrace(ErrorRecord.stackTraceText(throwable));
    }

    /**
     * @param exceptionBytes the serialized exception, copied; empty when not serializable.
     * @return this builder.
     */
    public ErrorRecordBuilder exceptionBytes(final byte[] exceptionBytes)
    {
        this.exceptionBytes = exceptionBytes.clone();
        return this;
    }

    /**
     * @param argumentBytes the task's argument as sent to the spoke, copied; empty when not kept.
     * @return this builder.
     */
    public ErrorRecordBuilder argumentBytes(final byte[] argumentBytes)
    {
        this.argumentBytes = argumentBytes.clone();
        return this;
    }

    /**
     * @param closureBytes the serialized closure the task ran, copied, for replay; empty when not kept.
     * @return this builder.
     */
    public ErrorRecordBuilder closureBytes(final byte[] closureBytes)
    {
        this.closureBytes = closureBytes.clone();
        return this;
    }

    ErrorRecordBuilder adoptClosureBytes(final byte[] closureBytes)
    {
        this.closureBytes = closureBytes;
        return this;
    }

    ErrorRecordBuilder adoptExceptionBytes(final byte[] exceptionBytes)
    {
        this.exceptionBytes = exceptionBytes;
        return this;
    }

    ErrorRecordBuilder adoptArgumentBytes(final byte[] argumentBytes)
    {
        this.argumentBytes = argumentBytes;
        return this;
    }

    /**
     * @return a record with the fields set so far.
     * @throws IllegalStateException if no kind was set.
     */
    public ErrorRecord build()
    {
        if (kind == null)
        {
            throw new IllegalStateException("an error record needs a kind");
        }
        return new ErrorRecord(this);
    }
}

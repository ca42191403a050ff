package org.spm4j.shm.journal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Objects;

/**
 * One failure as stored in the error journal: where it happened (pool, manager run, task, attempt,
 * closure, spoke and its pid), when, what kind, and the exception in two forms. The text form
 * (class name, message, full stack trace) is always present so a reader that cannot load the
 * exception's class still reports it in full; the serialized form may be empty.
 * <p>
 * {@link #message()} may be {@code null}, and a {@code null} message stays distinct from an empty one
 * through the journal. Every other text field is non-null and defaults to the empty string; numeric
 * fields default to 0 and byte fields to empty. Byte arrays are copied in and out, so a record is
 * immutable and safe to share between threads.
 */
public final class ErrorRecord
{
    private final String poolId;
    private final long runId;
    private final long taskId;
    private final int attempt;
    private final String closureName;
    private final int spokeId;
    private final long pid;
    private final long timeEpochMs;
    private final ErrorKind kind;
    private final String exceptionClass;
    private final String message;
    private final String stackTrace;
    private final byte[] exceptionBytes;
    private final byte[] argumentBytes;
    private final byte[] closureBytes;

    ErrorRecord(final ErrorRecordBuilder builder)
    {
        poolId = builder.poolId;
        runId = builder.runId;
        taskId = builder.taskId;
        attempt = builder.attempt;
        closureName = builder.closureName;
        spokeId = builder.spokeId;
        pid = builder.pid;
        timeEpochMs = builder.timeEpochMs;
        kind = builder.kind;
        exceptionClass = builder.exceptionClass;
        message = builder.message;
        stackTrace = builder.stackTrace;
        exceptionBytes = builder.exceptionBytes;
        argumentBytes = builder.argumentBytes;
        closureBytes = builder.closureBytes;
    }

    /**
     * @return a builder with every field at its default; {@link ErrorRecordBuilder#kind(ErrorKind)} must be set.
     */
    public static ErrorRecordBuilder builder()
    {
        return new ErrorRecordBuilder();
    }

    /**
     * The text {@link Throwable#printStackTrace()} would print: the throwable, its frames, and every
     * cause and suppressed exception with theirs.
     *
     * @param throwable what to describe.
     * @return the full stack trace text.
     */
    public static String stackTraceText(final Throwable throwable)
    {
        final StringWriter text = new StringWriter(1024);
        try (PrintWriter writer = new PrintWriter(text))
        {
            throwable.printStackTrace(writer);
        }
        return text.toString();
    }

    /**
     * @return the pool the failure happened in.
     */
    public String poolId()
    {
        return poolId;
    }

    /**
     * @return the manager run (the online period of one parallel manager) the task belonged to.
     */
    public long runId()
    {
        return runId;
    }

    /**
     * @return the task's id within its run.
     */
    public long taskId()
    {
        return taskId;
    }

    /**
     * @return which attempt at the task failed, counting from the first.
     */
    public int attempt()
    {
        return attempt;
    }

    /**
     * @return the name of the closure that was evaluating the task.
     */
    public String closureName()
    {
        return closureName;
    }

    /**
     * @return the spoke the task ran on.
     */
    public int spokeId()
    {
        return spokeId;
    }

    /**
     * @return the operating system pid of that spoke.
     */
    public long pid()
    {
        return pid;
    }

    /**
     * @return when the failure was recorded, in milliseconds since the epoch.
     */
    public long timeEpochMs()
    {
        return timeEpochMs;
    }

    /**
     * @return what went wrong.
     */
    public ErrorKind kind()
    {
        return kind;
    }

    /**
     * @return the exception's class name, as {@link Class#getName()} gives it.
     */
    public String exceptionClass()
    {
        return exceptionClass;
    }

    /**
     * @return the exception's message, {@code null} when it had none.
     */
    public String message()
    {
        return message;
    }

    /**
     * @return the full stack trace text, see {@link #stackTraceText(Throwable)}.
     */
    public String stackTrace()
    {
        return stackTrace;
    }

    /**
     * @return a copy of the serialized exception, empty when it could not be serialized.
     */
    public byte[] exceptionBytes()
    {
        return exceptionBytes.clone();
    }

    /**
     * @return a copy of the task's argument as sent to the spoke, for replay; empty when not kept.
     */
    public byte[] argumentBytes()
    {
        return argumentBytes.clone();
    }

    /**
     * @return a copy of the serialized closure the task ran, for replay; empty when not kept.
     */
    public byte[] closureBytes()
    {
        return closureBytes.clone();
    }

    /**
     * @return a builder holding this record's fields, to make a changed copy.
     */
    public ErrorRecordBuilder toBuilder()
    {
        return new ErrorRecordBuilder()
            .poolId(poolId)
            .runId(runId)
            .taskId(taskId)
            .attempt(attempt)
            .closureName(closureName)
            .spokeId(spokeId)
            .pid(pid)
            .timeEpochMs(timeEpochMs)
            .kind(kind)
            .exceptionClass(exceptionClass)
            .message(message)
            .stackTrace(stackTrace)
            .adoptExceptionBytes(exceptionBytes)
            .adoptArgumentBytes(argumentBytes)
            .adoptClosureBytes(closureBytes);
    }

    byte[] exceptionBytesNoCopy()
    {
        return exceptionBytes;
    }

    byte[] argumentBytesNoCopy()
    {
        return argumentBytes;
    }

    byte[] closureBytesNoCopy()
    {
        return closureBytes;
    }

    @Override
    public boolean equals(final Object other)
    {
        if (this == other)
        {
            return true;
        }
        if (!(other instanceof ErrorRecord))
        {
            return false;
        }
        final ErrorRecord that = (ErrorRecord)other;
        return runId == that.runId &&
            taskId == that.taskId &&
            attempt == that.attempt &&
            spokeId == that.spokeId &&
            pid == that.pid &&
            timeEpochMs == that.timeEpochMs &&
            kind == that.kind &&
            poolId.equals(that.poolId) &&
            closureName.equals(that.closureName) &&
            exceptionClass.equals(that.exceptionClass) &&
            Objects.equals(message, that.message) &&
            stackTrace.equals(that.stackTrace) &&
            Arrays.equals(exceptionBytes, that.exceptionBytes) &&
            Arrays.equals(argumentBytes, that.argumentBytes) &&
            Arrays.equals(closureBytes, that.closureBytes);
    }

    @Override
    public int hashCode()
    {
        int result = Objects.hash(poolId, runId, taskId, attempt, closureName, spokeId, pid, timeEpochMs, kind,
            exceptionClass, message, stackTrace);
        result = 31 * result + Arrays.hashCode(exceptionBytes);
        result = 31 * result + Arrays.hashCode(argumentBytes);
        result = 31 * result + Arrays.hashCode(closureBytes);
        return result;
    }

    @Override
    public String toString()
    {
        return "ErrorRecord{" +
            "kind=" + kind +
            ", poolId='" + poolId + '\'' +
            ", runId=" + runId +
            ", taskId=" + taskId +
            ", attempt=" + attempt +
            ", closureName='" + closureName + '\'' +
            ", spokeId=" + spokeId +
            ", pid=" + pid +
            ", timeEpochMs=" + timeEpochMs +
            ", exceptionClass='" + exceptionClass + '\'' +
            ", message=" + (message == null ? "null" : "'" + message + "'") +
            ", stackTrace=" + firstLine(stackTrace) +
            ", exceptionBytes=" + exceptionBytes.length + " bytes" +
            ", argumentBytes=" + argumentBytes.length + " bytes" +
            ", closureBytes=" + closureBytes.length + " bytes" +
            '}';
    }

    private static String firstLine(final String text)
    {
        final int end = text.indexOf('\n');
        if (end < 0)
        {
            return "'" + text + "'";
        }
        final int lines = (int)text.chars().filter(c -> c == '\n').count();
        return "'" + text.substring(0, end).stripTrailing() + "' (+" + lines + " lines)";
    }
}

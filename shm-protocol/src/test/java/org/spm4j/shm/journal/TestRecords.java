package org.spm4j.shm.journal;

import java.nio.ByteBuffer;

/**
 * Records whose content says who wrote them and in what order: spoke id is the writer, task id the
 * writer's sequence number.
 */
final class TestRecords
{
    static final String POOL_ID = "pool-test";
    // Fixed frames, so that every JVM builds the same records whatever called it.
    static final String STACK_TRACE = ErrorRecord.stackTraceText(withFixedFrames(failure("template")));

    private TestRecords()
    {
    }

    static ErrorRecord record(final int writer, final long sequence)
    {
        return ErrorRecord.builder()
            .poolId(POOL_ID)
            .runId(7)
            .taskId(sequence)
            .attempt(1)
            .closureName("square")
            .spokeId(writer)
            .pid(ProcessHandle.current().pid())
            .timeEpochMs(1_700_000_000_000L + sequence)
            .kind(ErrorKind.TASK_FAILED)
            .exceptionClass(IllegalStateException.class.getName())
            .message("task " + sequence + " of writer " + writer + " failed")
            .stackTrace(STACK_TRACE)
            .argumentBytes(ByteBuffer.allocate(Long.BYTES).putLong(sequence).array())
            .build();
    }

    static String key(final ErrorRecord record)
    {
        return record.spokeId() + "/" + record.taskId();
    }

    private static Throwable withFixedFrames(final Throwable throwable)
    {
        final StackTraceElement[] frames = new StackTraceElement[12];
        for (int i = 0; i < frames.length; i++)
        {
            frames[i] = new StackTraceElement("org.spm4j.example.Frame" + i, "call" + i, "Frame" + i + ".java", 10 + i);
        }
        throwable.setStackTrace(frames);
        if (throwable.getCause() != null)
        {
            withFixedFrames(throwable.getCause());
        }
        for (final Throwable suppressed : throwable.getSuppressed())
        {
            withFixedFrames(suppressed);
        }
        return throwable;
    }

    static RuntimeException failure(final String message)
    {
        final IllegalStateException failure = new IllegalStateException(message, new ArithmeticException("cause"));
        failure.addSuppressed(new UnsupportedOperationException("suppressed"));
        return failure;
    }
}

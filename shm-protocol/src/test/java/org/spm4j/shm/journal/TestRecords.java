package org.spm4j.shm.journal;

import java.nio.ByteBuffer;

/**
 * Records whose content says who wrote them and in what order: spoke id is the writer, task id the
 * writer's sequence number.
 */
final class TestRecords
{
    static final String POOL_ID = "pool-test";
    static final String STACK_TRACE = ErrorRecord.stackTraceText(failure("template"));

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

    static RuntimeException failure(final String message)
    {
        final IllegalStateException failure = new IllegalStateException(message, new ArithmeticException("cause"));
        failure.addSuppressed(new UnsupportedOperationException("suppressed"));
        return failure;
    }
}

package org.spm4j.internal.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.spm4j.RemoteTaskException;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.journal.ErrorRecord;

/**
 * A failure record is built whatever the exception does: methods that throw, cause cycles, endless cause
 * chains and huge suppressed lists give a readable, bounded record, never an exception or a hang.
 */
class FailureRecordsTest
{
    private static final FailureRecords.Site SITE = new FailureRecords.Site("pool", 1, 2, 1, "closure", 0, 42);

    static final class RudeMessage extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage()
        {
            throw new IllegalStateException("no message for you");
        }
    }

    static final class RudeEverything extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        RudeEverything()
        {
            super("rude");
        }

        @Override
        public String toString()
        {
            throw new UnsupportedOperationException("no toString either");
        }

        @Override
        public StackTraceElement[] getStackTrace()
        {
            throw new IllegalStateException("no frames");
        }

        @Override
        public synchronized Throwable getCause()
        {
            throw new IllegalStateException("no cause");
        }
    }

    static final class EndlessCauses extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        EndlessCauses()
        {
            super("one of many", null, false, false);
        }

        @Override
        public synchronized Throwable getCause()
        {
            return new EndlessCauses();
        }
    }

    @Test
    void shouldRecordWhatGetMessageThrewInsteadOfThrowingIt()
    {
        final ErrorRecord record = record(new RudeMessage());

        final String said = "<getMessage() threw java.lang.IllegalStateException: no message for you>";
        assertEquals(RudeMessage.class.getName(), record.exceptionClass());
        assertEquals(said, record.message());
        assertTrue(record.stackTrace().startsWith(RudeMessage.class.getName() + ": " + said), record.stackTrace());
        assertTrue(record.stackTrace().contains("\tat " + getClass().getName()), record.stackTrace());
    }

    @Test
    void shouldRecordWhatEachMethodOfACauseThrew()
    {
        final ErrorRecord record = record(new IllegalArgumentException("outer", new RudeEverything()));

        final String text = record.stackTrace();
        assertEquals("outer", record.message());
        assertTrue(text.contains("Caused by: " + RudeEverything.class.getName() + ": rude <toString() threw " +
            "java.lang.UnsupportedOperationException: no toString either>"), text);
        assertTrue(text.contains("<getStackTrace() threw java.lang.IllegalStateException: no frames>"), text);
        assertTrue(text.contains("<getCause() threw java.lang.IllegalStateException: no cause>"), text);
    }

    @Test
    void shouldMarkACauseCycleAndStillRebuildTheChain()
    {
        final IllegalStateException first = new IllegalStateException("first");
        final IllegalArgumentException second = new IllegalArgumentException("second", first);
        first.initCause(second);

        final ErrorRecord record = record(first);

        assertTrue(record.stackTrace().contains("[CIRCULAR REFERENCE: java.lang.IllegalStateException: first]"),
            record.stackTrace());
        final RemoteTaskException rebuilt =
            RemoteStackTraces.rebuild(record.exceptionClass(), record.message(), record.stackTrace());
        assertEquals("java.lang.IllegalArgumentException", ((RemoteTaskException)rebuilt.getCause()).remoteClass());
    }

    @Test
    @Timeout(30)
    void shouldCutAnEndlessCauseChain()
    {
        final ErrorRecord record = record(new EndlessCauses());

        assertTrue(record.stackTrace().contains("further causes and suppressed exceptions not shown: over " +
            ThrowableText.MAX_THROWABLES), record.stackTrace());
        assertTrue(record.stackTrace().length() <= ThrowableText.MAX_CHARS);
    }

    @Test
    @Timeout(30)
    void shouldBoundAHugeSuppressedList()
    {
        final IllegalStateException failure = new IllegalStateException("many suppressed");
        final int suppressed = 100_000;
        for (int i = 0; i < suppressed; i++)
        {
            failure.addSuppressed(new IllegalArgumentException("suppressed " + i));
        }

        final ErrorRecord record = record(failure);

        assertTrue(record.stackTrace().contains((suppressed - ThrowableText.MAX_SUPPRESSED) +
            " more suppressed exceptions not shown"), record.stackTrace());
        assertTrue(record.stackTrace().length() <= ThrowableText.MAX_CHARS);
        assertTrue(record.exceptionBytes().length <= ExceptionBytes.MAX_LENGTH);
    }

    @Test
    void shouldWriteAnOrdinaryExceptionExactlyAsPrintStackTraceDoes()
    {
        final IllegalStateException failure = new IllegalStateException("top", new RuntimeException("cause"));
        failure.addSuppressed(new IllegalArgumentException("aside"));

        assertEquals(ErrorRecord.stackTraceText(failure), record(failure).stackTrace());
        assertEquals(List.of(failure.getClass().getName(), "top"),
            List.of(record(failure).exceptionClass(), record(failure).message()));
    }

    private static ErrorRecord record(final Throwable failure)
    {
        return FailureRecords.create(SITE, ErrorKind.TASK_FAILED, failure, new byte[0], new byte[0]);
    }
}

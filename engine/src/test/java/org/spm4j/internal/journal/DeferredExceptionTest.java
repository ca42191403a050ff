package org.spm4j.internal.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.FailureKind;
import org.spm4j.RemoteTaskException;
import org.spm4j.TaskFailure;
import org.spm4j.internal.codec.AllowListFilter;
import org.spm4j.shm.journal.ErrorJournal;
import org.spm4j.shm.journal.ErrorJournalAppender;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.journal.ErrorRecord;

/**
 * A failure read from the journal makes its exception only when asked for, once, and as it always did: the
 * original where it deserializes, else one rebuilt from the record's text.
 */
class DeferredExceptionTest
{
    private static final AllowListFilter FILTER = new AllowListFilter(List.of());
    private static final String POOL = "pool-a";
    private static final int SPOKE = 1;
    private static final AtomicInteger DESERIALIZED = new AtomicInteger();

    @TempDir
    Path tempDir;

    static final class CountedException extends IllegalStateException
    {
        private static final long serialVersionUID = 1L;

        CountedException(final String message)
        {
            super(message);
        }

        private void readObject(final ObjectInputStream in) throws IOException, ClassNotFoundException
        {
            in.defaultReadObject();
            DESERIALIZED.incrementAndGet();
        }
    }

    @Test
    void shouldDeserializeTheExceptionOnlyAtItsFirstUseAndOnlyOnce() throws Exception
    {
        final Path journalDirectory = tempDir.resolve("journal");
        try (ChronicleHubJournal hub = new ChronicleHubJournal(ErrorJournal.open(journalDirectory), POOL, FILTER))
        {
            final long index = appendAsSpoke(journalDirectory, record(new CountedException("counted"), null));
            final int before = DESERIALIZED.get();

            final TaskFailure failure = hub.failureAt(index, 5, 1, SPOKE);

            assertEquals("counted", failure.remoteMessage());
            assertEquals(before, DESERIALIZED.get(), "deserialized before the policy asked for it");
            final CompletableFuture<Throwable> elsewhere = CompletableFuture.supplyAsync(failure::exception);
            final Throwable exception = failure.exception();
            assertInstanceOf(CountedException.class, exception);
            assertSame(exception, elsewhere.get());
            assertSame(exception, failure.exception());
            assertEquals(before + 1, DESERIALIZED.get());
        }
    }

    @Test
    void shouldRebuildAnExceptionWhoseBytesDoNotDeserializeFromItsTextWhenFirstUsed()
    {
        final Path journalDirectory = tempDir.resolve("journal");
        try (ChronicleHubJournal hub = new ChronicleHubJournal(ErrorJournal.open(journalDirectory), POOL, FILTER))
        {
            final long index = appendAsSpoke(journalDirectory,
                record(new IllegalArgumentException("bad bytes"), new byte[] {1, 2, 3}));

            final Throwable exception = hub.failureAt(index, 5, 1, SPOKE).exception();

            final RemoteTaskException rebuilt = assertInstanceOf(RemoteTaskException.class, exception);
            assertEquals(IllegalArgumentException.class.getName(), rebuilt.remoteClass());
            assertEquals("java.lang.IllegalArgumentException: bad bytes", rebuilt.getMessage());
            assertEquals(DeferredExceptionTest.class.getName(), rebuilt.getStackTrace()[0].getClassName());
        }
    }

    @Test
    void shouldKeepAnExceptionGivenToTheFailureAsItIs()
    {
        final IllegalStateException given = new IllegalStateException("given");

        final TaskFailure failure = new TaskFailure(FailureKind.TASK_FAILED, 1, 1, "c", 0, 1, -1,
            given.getClass().getName(), given.getMessage(), "", given);

        assertSame(given, failure.exception());
        assertTrue(failure.toString().contains("given"));
    }

    private static ErrorRecord record(final Throwable exception, final byte[] exceptionBytes)
    {
        final ErrorRecord record = FailureRecords.create(new FailureRecords.Site(POOL, 1, 5, 1, "c", SPOKE, 42),
            ErrorKind.TASK_FAILED, exception, new byte[0], new byte[0]);
        return null == exceptionBytes ? record : record.toBuilder().exceptionBytes(exceptionBytes).build();
    }

    private static long appendAsSpoke(final Path journalDirectory, final ErrorRecord record)
    {
        try (ErrorJournal journal = Journals.openSpokeQueue(journalDirectory, SPOKE);
            ErrorJournalAppender appender = journal.appender())
        {
            return appender.append(record);
        }
    }
}

package org.spm4j.internal.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.onoes.ExceptionKey;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.FailureKind;
import org.spm4j.TaskFailure;
import org.spm4j.internal.codec.AllowListFilter;
import org.spm4j.shm.PoolFileDescriptor;
import org.spm4j.shm.journal.ErrorJournal;
import org.spm4j.shm.journal.ErrorJournalAppender;
import org.spm4j.shm.journal.ErrorJournalLayout;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.journal.ErrorRecord;

class ChronicleHubJournalTest
{
    private static final AllowListFilter FILTER = new AllowListFilter(List.of());
    private static final String POOL = "pool-a";
    private static final int SPOKE = 3;

    @TempDir
    Path tempDir;

    private final SetTimeProvider time = new SetTimeProvider(Instant.parse("2026-01-01T00:00:00Z"));

    private Map<ExceptionKey, Integer> chronicleSaid;

    @BeforeEach
    void recordWhatChronicleSays()
    {
        chronicleSaid = Jvm.recordExceptions(false, false, false);
    }

    @AfterEach
    void stopRecordingChronicle()
    {
        Jvm.resetExceptionHandlers();
    }

    @Test
    void shouldKeepThePoolsOwnJournalToItsLastCyclesUnderManyFailures() throws IOException
    {
        final Path journalDirectory = poolJournalDirectory(POOL);
        int mostCycleFiles = 0;
        try (ErrorJournal spokeView = open(spokeQueue(journalDirectory));
            ErrorJournalAppender spoke = spokeView.appender();
            ChronicleHubJournal hub = new ChronicleHubJournal(open(journalDirectory), POOL, FILTER))
        {
            for (int task = 0; task < 20_000; task++)
            {
                if (task > 0 && 0 == task % 200)
                {
                    mostCycleFiles = Math.max(mostCycleFiles, cycleFiles(spokeQueue(journalDirectory)).size());
                    time.advanceMillis(1_000);
                }
                final long index = spoke.append(spokeRecord(POOL, task, 1));
                assertEquals(task, hub.failureAt(index, task, 1, SPOKE).taskId());
            }
            mostCycleFiles = Math.max(mostCycleFiles, cycleFiles(spokeQueue(journalDirectory)).size());
        }
        assertTrue(mostCycleFiles <= 3, "the journal held " + mostCycleFiles + " cycle files at once");
        assertEquals(Map.of(), chronicleSaid);
    }

    @Test
    void shouldOpenAndCloseTwoThousandPoolsOnOnePersistentJournal() throws IOException
    {
        final Path journalDirectory = tempDir.resolve("journal");
        long metadataLength = -1;
        for (int pool = 0; pool < 2_000; pool++)
        {
            final String poolId = "pool-" + pool;
            try (ChronicleHubJournal hub = new ChronicleHubJournal(open(journalDirectory), poolId, FILTER))
            {
                if (0 == pool % 100)
                {
                    final long index = appendAsSpoke(journalDirectory, spokeRecord(poolId, pool, 1));
                    assertEquals(pool, hub.failureAt(index, pool, 1, SPOKE).taskId());
                }
            }
            if (0 == pool)
            {
                metadataLength = metadataLength(journalDirectory);
            }
        }
        assertEquals(metadataLength, metadataLength(journalDirectory));
    }

    @Test
    void shouldFailATaskAtOnceWhenItsSpokeCouldNotWriteItsRecord()
    {
        try (ChronicleHubJournal hub = new ChronicleHubJournal(open(poolJournalDirectory(POOL)), POOL, FILTER))
        {
            final TaskFailure failure = assertTimeout(Duration.ofSeconds(4),
                () -> hub.failureAt(-1L, 42, 2, SPOKE));

            assertEquals(FailureKind.TASK_FAILED, failure.kind());
            assertEquals(42, failure.taskId());
            assertEquals(2, failure.attempt());
            assertEquals(SPOKE, failure.spokeId());
            assertTrue(failure.remoteMessage().contains("spoke " + SPOKE + " reported task 42 failed") &&
                failure.remoteMessage().contains("could not write its record"), failure.remoteMessage());
        }
    }

    @Test
    void shouldRefuseARecordOfAnotherPoolAtTheIndexAStatusNames()
    {
        final Path journalDirectory = tempDir.resolve("journal");
        try (ChronicleHubJournal hub = new ChronicleHubJournal(open(journalDirectory), POOL, FILTER))
        {
            final long index = appendAsSpoke(journalDirectory, spokeRecord("pool-b", 7, 1));

            final TaskFailure failure = assertTimeout(Duration.ofSeconds(4),
                () -> hub.failureAt(index, 7, 1, SPOKE));

            assertEquals(FailureKind.PROTOCOL_VIOLATION, failure.kind());
            assertTrue(failure.remoteMessage().contains("pool-b"), failure.remoteMessage());
        }
    }

    @Test
    void shouldRefuseAnIndexFromBeforeThePoolStartedAtOnce()
    {
        final Path journalDirectory = tempDir.resolve("journal");
        final long before = appendAsSpoke(journalDirectory, spokeRecord(POOL, 7, 1));
        try (ChronicleHubJournal hub = new ChronicleHubJournal(open(journalDirectory), POOL, FILTER))
        {
            final TaskFailure failure = assertTimeout(Duration.ofSeconds(4),
                () -> hub.failureAt(before, 7, 1, SPOKE));

            assertEquals(FailureKind.PROTOCOL_VIOLATION, failure.kind());
            assertTrue(failure.remoteMessage().contains("before pool " + POOL + " started"),
                failure.remoteMessage());
        }
    }

    @Test
    void shouldReadOnlyTheRecordsItsStatusesNameOnAJournalOfManyOtherPools()
    {
        final Path journalDirectory = tempDir.resolve("journal");
        try (ErrorJournal others = open(spokeQueue(journalDirectory));
            ErrorJournalAppender other = others.appender())
        {
            for (int task = 0; task < 50_000; task++)
            {
                other.append(spokeRecord("other-" + task % 10, task, 1));
            }
            try (ChronicleHubJournal hub = new ChronicleHubJournal(open(journalDirectory), POOL, FILTER))
            {
                final long first = other.append(spokeRecord(POOL, 1, 1));
                other.append(spokeRecord("other-0", 1, 1));
                final long second = other.append(spokeRecord(POOL, 2, 3));

                assertEquals(first, hub.failureAt(first, 1, 1, SPOKE).journalIndex());
                final TaskFailure failure = hub.failureAt(second, 2, 3, SPOKE);

                assertEquals(FailureKind.TASK_FAILED, failure.kind());
                assertEquals(2, failure.taskId());
                assertEquals(3, failure.attempt());
                assertEquals("task 2 failed", failure.remoteMessage());
                assertEquals(2, hub.recordsRead());
            }
        }
    }

    @Test
    void shouldKeepAPassedCycleUntilTheHubConsumedItsRecords() throws IOException
    {
        final Path journalDirectory = poolJournalDirectory(POOL);
        try (ErrorJournal spokeView = open(spokeQueue(journalDirectory));
            ErrorJournalAppender spoke = spokeView.appender();
            ChronicleHubJournal hub = new ChronicleHubJournal(open(journalDirectory), POOL, FILTER))
        {
            final long pending = spoke.append(spokeRecord(POOL, 1, 1));
            time.advanceMillis(1_300);
            hubRecordsACrash(hub, 2);
            assertEquals(2, cycleFiles(spokeQueue(journalDirectory)).size());

            assertEquals(1, hub.failureAt(pending, 1, 1, SPOKE).taskId());
            time.advanceMillis(300);
            hubRecordsACrash(hub, 3);

            assertEquals(1, cycleFiles(spokeQueue(journalDirectory)).size());
        }
    }

    @Test
    void shouldReleaseARecordNoStatusNamesAFullCycleAfterItsCycleEnded() throws IOException
    {
        final Path journalDirectory = poolJournalDirectory(POOL);
        try (ErrorJournal spokeView = open(spokeQueue(journalDirectory));
            ErrorJournalAppender spoke = spokeView.appender();
            ChronicleHubJournal hub = new ChronicleHubJournal(open(journalDirectory), POOL, FILTER))
        {
            final long orphan = spoke.append(spokeRecord(POOL, 1, 1));
            time.advanceMillis(1_900);
            hubRecordsACrash(hub, 2);
            assertEquals(2, cycleFiles(spokeQueue(journalDirectory)).size());

            final Path orphansCycle = cycleFiles(spokeQueue(journalDirectory)).get(0);

            time.advanceMillis(300);
            hubRecordsACrash(hub, 3);
            assertFalse(cycleFiles(spokeQueue(journalDirectory)).contains(orphansCycle), orphansCycle + " was kept");

            final TaskFailure late = assertTimeout(Duration.ofSeconds(4),
                () -> hub.failureAt(orphan, 1, 1, SPOKE));
            assertEquals(FailureKind.PROTOCOL_VIOLATION, late.kind());
            assertTrue(late.remoteMessage().contains("its cycle was released"), late.remoteMessage());
        }
        assertEquals(Map.of(), chronicleSaid);
    }

    @Test
    void shouldKeepAPersistentJournalForItsRetentionWhateverThePoolConsumed() throws IOException
    {
        final Path journalDirectory = tempDir.resolve("journal");
        final JournalRetention retention = JournalRetention.keptFor(Duration.ofSeconds(10));
        try (ErrorJournal spokeView = open(spokeQueue(journalDirectory));
            ErrorJournalAppender spoke = spokeView.appender();
            ChronicleHubJournal hub = new ChronicleHubJournal(open(journalDirectory), POOL, FILTER, retention))
        {
            for (int task = 0; task < 30; task++)
            {
                final long index = spoke.append(spokeRecord(POOL, task, 1));
                assertEquals(task, hub.failureAt(index, task, 1, SPOKE).taskId());
                time.advanceMillis(1_000);
            }
            final List<Path> kept = cycleFiles(spokeQueue(journalDirectory));
            assertEquals(11, kept.size(), kept::toString);
        }

        time.advanceMillis(60_000);
        try (ChronicleHubJournal nextPool = new ChronicleHubJournal(open(journalDirectory), "pool-b", FILTER,
            retention))
        {
            assertEquals(1, cycleFiles(spokeQueue(journalDirectory)).size(), "the latest cycle stays for appenders");
            assertEquals(0, nextPool.recordsRead());
        }
    }

    @Test
    void shouldServeTheHubThreadWhenMadeOnAnother() throws Exception
    {
        final Path journalDirectory = tempDir.resolve("journal");
        appendAsSpoke(journalDirectory, spokeRecord("pool-b", 1, 1));
        try (ChronicleHubJournal hub = new ChronicleHubJournal(open(journalDirectory), POOL, FILTER))
        {
            final long index = appendAsSpoke(journalDirectory, spokeRecord(POOL, 5, 1));
            final CompletableFuture<TaskFailure> onHubThread = CompletableFuture.supplyAsync(
                () -> hub.failureAt(index, 5, 1, SPOKE), runnable -> new Thread(runnable, "hub").start());

            final TaskFailure failure = onHubThread.get(10, TimeUnit.SECONDS);

            assertEquals(FailureKind.TASK_FAILED, failure.kind());
            assertEquals(index, failure.journalIndex());
        }
    }

    @Test
    void shouldStillReturnTheFailureWhenTheJournalCannotTakeItsRecord()
    {
        final ErrorJournal journal = open(tempDir.resolve("journal"));
        try (ChronicleHubJournal hub = new ChronicleHubJournal(journal, POOL, FILTER))
        {
            journal.close();
            time.advanceMillis(10_000);

            final TaskFailure failure = hub.append(ErrorKind.SPOKE_CRASHED, 9, 1, "square", SPOKE, 4242,
                new IllegalStateException("spoke 3 died"), 1, new byte[0], new byte[0]);

            assertEquals(FailureKind.SPOKE_CRASHED, failure.kind());
            assertEquals(-1, failure.journalIndex());
            assertEquals("spoke 3 died", failure.remoteMessage());
            assertEquals(1, failure.exception().getSuppressed().length);
            assertTrue(failure.exception().getSuppressed()[0].getMessage().contains("could not be written"));
        }
    }

    private long appendAsSpoke(final Path journalDirectory, final ErrorRecord record)
    {
        try (ErrorJournal journal = open(spokeQueue(journalDirectory));
            ErrorJournalAppender appender = journal.appender())
        {
            return appender.append(record);
        }
    }

    private static void hubRecordsACrash(final ChronicleHubJournal hub, final long taskId)
    {
        hub.append(ErrorKind.SPOKE_CRASHED, taskId, 1, "square", SPOKE, 4242,
            new IllegalStateException("spoke " + SPOKE + " died"), 1, new byte[0], new byte[0]);
    }

    /**
     * Where {@link #SPOKE} appends: its own queue of the journal.
     */
    private static Path spokeQueue(final Path journalDirectory)
    {
        return ErrorJournalLayout.queueDirectory(journalDirectory, SPOKE);
    }

    /**
     * A tailer named in a queue takes room in its metadata for good: the hub's and the spoke's queues keep theirs.
     */
    private static long metadataLength(final Path journalDirectory) throws IOException
    {
        return Files.size(journalDirectory.resolve("metadata.cq4t")) +
            Files.size(spokeQueue(journalDirectory).resolve("metadata.cq4t"));
    }

    private ErrorJournal open(final Path directory)
    {
        return ErrorJournal.builder(directory).rollCycle(TestRollCycles.TEST_SECONDLY).timeProvider(time).open();
    }

    /**
     * Where a local pool keeps its own journal: {@code <root>/<pool-id>/journal}, beside its pool file.
     */
    private Path poolJournalDirectory(final String poolId)
    {
        final Path poolDirectory = tempDir.resolve(poolId);
        try
        {
            Files.createDirectories(poolDirectory);
            Files.createFile(poolDirectory.resolve(PoolFileDescriptor.POOL_FILE_NAME));
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
        return poolDirectory.resolve("journal");
    }

    private static ErrorRecord spokeRecord(final String poolId, final long taskId, final int attempt)
    {
        return FailureRecords.create(new FailureRecords.Site(poolId, 1, taskId, attempt, "square", SPOKE, 4242),
            ErrorKind.TASK_FAILED, new IllegalStateException("task " + taskId + " failed"), new byte[8], new byte[0]);
    }

    private static List<Path> cycleFiles(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(file -> file.toString().endsWith(".cq4")).sorted().toList();
        }
    }
}

package org.spm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spm4j.shm.journal.ErrorJournal;
import org.spm4j.shm.journal.ErrorJournalAppender;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.journal.ErrorRecord;

/**
 * {@code spm errors} and {@code spm replay} on damaged journals: files that are not Chronicle queue files, files that
 * cannot be read. Each is bad input, told at once in one line.
 */
class DamagedJournalTest
{
    private static final int SPOKE = 0;
    private static final int RECORDS = 6;
    private static final String CYCLE_FILE = "20260101-0000V.cq4";
    private static final String METADATA_FILE = "metadata.cq4t";
    private static final Duration AT_ONCE = Duration.ofSeconds(3);

    @TempDir
    private Path directory;

    static Stream<Arguments> garbageQueueFiles()
    {
        return Stream.of(
            Arguments.of(List.of("20261203F.cq4"), "20261203F.cq4 is not a Chronicle queue file"),
            Arguments.of(List.of(METADATA_FILE, "20261203F.cq4"), METADATA_FILE + " is not a Chronicle queue file"),
            Arguments.of(List.of(METADATA_FILE), METADATA_FILE + " is not a Chronicle queue file"));
    }

    @ParameterizedTest
    @MethodSource("garbageQueueFiles")
    @Timeout(30)
    void shouldSayAtOnceThatADirectoryOfGarbageQueueFilesIsNotAReadableJournal(final List<String> files,
        final String what) throws IOException
    {
        final Path garbage = Files.createDirectories(directory.resolve("garbage"));
        final Random random = new Random(16);
        for (final String file : files)
        {
            final byte[] bytes = new byte[64 << 10];
            random.nextBytes(bytes);
            Files.write(garbage.resolve(file), bytes);
        }
        final String message = garbage + " is not a readable error journal: " + what;

        assertAnsweredAtOnceWithOneLine("spm errors: " + message, "errors", garbage.toString());
        assertAnsweredAtOnceWithOneLine("spm replay: " + message, "replay", garbage.toString(), "0");
    }

    @Test
    @Timeout(30)
    void shouldSayAtOnceThatAQueueFileWithoutAHeaderIsNotReadable() throws IOException
    {
        final Path journal = directory.resolve("journal");
        writeRecords(journal);
        final Path spokeQueue = journal.resolve("spoke-" + SPOKE);
        Files.write(spokeQueue.resolve(CYCLE_FILE), new byte[64 << 10]);

        assertAnsweredAtOnceWithOneLine("spm errors: " + journal + " is not a readable error journal: spoke-" + SPOKE +
            "/" + CYCLE_FILE + " has no header: it is empty, or its writer stopped before writing one",
            "errors", journal.toString());
    }

    @Test
    @Timeout(30)
    void shouldNameACycleFileThatCannotBeRead() throws IOException
    {
        final Path journal = directory.resolve("journal");
        writeRecords(journal);
        makeUnreadable(journal.resolve("spoke-" + SPOKE).resolve(CYCLE_FILE));

        assertAnsweredAtOnceWithOneLine("spm errors: cannot read the error journal " + journal + ": no permission " +
            "to read spoke-" + SPOKE + "/" + CYCLE_FILE, "errors", journal.toString());
    }

    @Test
    @Timeout(30)
    void shouldReadAJournalWhoseMetadataFileCannotBeReadAsChronicleDoesWithoutIt() throws IOException
    {
        final Path journal = directory.resolve("journal");
        writeRecords(journal);
        makeUnreadable(journal.resolve("spoke-" + SPOKE).resolve(METADATA_FILE));

        final SpmRun run = SpmRun.of("errors", journal.toString());

        assertEquals(Spm.OK, run.exitCode(), run.toString());
        assertEquals("", run.err());
        assertTrue(run.out().endsWith(RECORDS + " records in " + journal + "\n"), run.toString());
    }

    private static void makeUnreadable(final Path file) throws IOException
    {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads files whatever their mode");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "this user reads files whatever their mode");
    }

    private static void assertAnsweredAtOnceWithOneLine(final String line, final String... args)
    {
        final long start = System.nanoTime();
        final SpmRun run = SpmRun.of(args);
        final Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(Spm.BAD_INPUT, run.exitCode(), run.toString());
        assertEquals(List.of(line), run.errLines(), run.toString());
        assertEquals("", run.out());
        assertTrue(took.compareTo(AT_ONCE) < 0, "took " + took);
    }

    /**
     * Records 0 to 5, each its own message, in one cycle of spoke {@value #SPOKE}'s queue.
     */
    private static List<ErrorRecord> writeRecords(final Path journal)
    {
        final SetTimeProvider time = new SetTimeProvider(Instant.parse("2026-01-01T00:00:00Z"));
        final List<ErrorRecord> records = new ArrayList<>();
        try (ErrorJournal errorJournal = ErrorJournal.builder(journal).timeProvider(time).open();
            ErrorJournalAppender appender = errorJournal.spokeJournal(SPOKE).appender())
        {
            for (int record = 0; record < RECORDS; record++)
            {
                records.add(ErrorRecord.builder().kind(ErrorKind.TASK_FAILED).poolId("p1").closureName("c")
                    .spokeId(SPOKE).taskId(record).exceptionClass("java.lang.IllegalStateException")
                    .message(message(record)).timeEpochMs(time.currentTimeMillis() + record).build());
                appender.append(records.get(record));
            }
        }
        return records;
    }

    private static String message(final int record)
    {
        return "failure number " + record;
    }
}

package org.spm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.spm4j.shm.journal.ErrorJournal;
import org.spm4j.shm.journal.ErrorJournalAppender;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.journal.ErrorRecord;
import org.spm4j.shm.journal.ErrorRecordCodec;

/**
 * {@code spm errors} and {@code spm replay} on damaged journals: files that are not Chronicle queue files, records
 * whose bytes were overwritten, files that cannot be read. Each is bad input, told at once in one line; the records
 * that can still be read are printed, and how many could not be is said.
 */
class DamagedJournalTest
{
    private static final int SPOKE = 0;
    private static final int RECORDS = 6;
    private static final String CYCLE_FILE = "20260101-0000V.cq4";
    private static final String METADATA_FILE = "metadata.cq4t";
    private static final int ALMOST_1_GIB = (1 << 30) - 16;
    private static final Duration AT_ONCE = Duration.ofSeconds(3);
    private static final List<List<String>> OUTPUTS = List.of(List.of(), List.of("--distinct"), List.of("--json"),
        List.of("--distinct", "--json"));

    @TempDir
    private Path directory;

    enum Damage
    {
        /** The payloads of records 1 to 4 overwritten; Chronicle's length headers intact. */
        PAYLOADS(4, List.of(0, 5)),
        /** Record 1, header and payload, overwritten with 0xFF: a header Chronicle takes for one being written. */
        HEADER(5, List.of(0)),
        /** Record 1 overwritten with random bytes behind a header that says it is almost 1 GiB long. */
        LENGTH_PAST_THE_END(5, List.of(0));

        final int skipped;
        final List<Integer> readable;

        Damage(final int skipped, final List<Integer> readable)
        {
            this.skipped = skipped;
            this.readable = readable;
        }
    }

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

    @ParameterizedTest
    @EnumSource(Damage.class)
    @Timeout(30)
    void shouldPrintTheRecordsThatCanBeReadAndSayHowManyWereSkipped(final Damage damage) throws IOException
    {
        final Path journal = directory.resolve("journal");
        final List<ErrorRecord> records = writeRecords(journal);
        damage(journal, records, damage);

        for (final List<String> options : OUTPUTS)
        {
            final List<String> args = new ArrayList<>(List.of("errors"));
            args.addAll(options);
            args.add(journal.toString());
            final SpmRun run = SpmRun.of(args.toArray(String[]::new));

            assertEquals(Spm.BAD_INPUT, run.exitCode(), options + " " + run);
            assertEquals(List.of("spm errors: " + damage.skipped + " records of " + journal + " could not be read " +
                "and were skipped"), run.errLines(), options + " " + run);
            for (int record = 0; record < RECORDS; record++)
            {
                assertEquals(damage.readable.contains(record), run.out().contains(message(record)),
                    options + " record " + record + " " + run);
            }
        }
    }

    @Test
    @Timeout(30)
    void shouldSayThatTheRecordToReplayDoesNotDecode() throws IOException
    {
        final Path journal = directory.resolve("journal");
        final List<ErrorRecord> records = writeRecords(journal);
        final long index = indexOf(journal, 2);
        damage(journal, records, Damage.PAYLOADS);

        final SpmRun run = SpmRun.of("replay", journal.toString(), Long.toString(index));

        assertEquals(Spm.BAD_INPUT, run.exitCode(), run.toString());
        assertEquals(1, run.errLines().size(), run.toString());
        assertTrue(run.err().startsWith("spm replay: the record at index " + index + " of spoke " + SPOKE +
            " in the error journal " + journal + " does not decode, so it cannot be replayed: error journal record " +
            "at index " + index), run.toString());
        assertEquals("", run.out());
    }

    @Test
    @Timeout(30)
    void shouldSayThatTheRecordToReplayIsBehindDamage() throws IOException
    {
        final Path journal = directory.resolve("journal");
        final List<ErrorRecord> records = writeRecords(journal);
        final long index = indexOf(journal, 3);
        damage(journal, records, Damage.HEADER);

        final SpmRun run = SpmRun.of("replay", journal.toString(), Long.toString(index));

        assertEquals(Spm.BAD_INPUT, run.exitCode(), run.toString());
        assertEquals(List.of("spm replay: no readable record at index " + index + " in the error journal " + journal +
            ": 5 of its records could not be read"), run.errLines(), run.toString());
        assertEquals("", run.out());
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

    private static long indexOf(final Path journal, final int record)
    {
        final List<Long> indexes = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(journal))
        {
            reader.read((read, index) -> indexes.add(index), ex -> { }, Integer.MAX_VALUE);
        }
        return indexes.get(record);
    }

    private static String message(final int record)
    {
        return "failure number " + record;
    }

    /**
     * Overwrite records in the cycle file, found by their encoded bytes; Chronicle puts a 4-byte length header in
     * front of each.
     */
    private static void damage(final Path journal, final List<ErrorRecord> records, final Damage damage)
        throws IOException
    {
        final Path cycleFile = journal.resolve("spoke-" + SPOKE).resolve(CYCLE_FILE);
        try (FileChannel file = FileChannel.open(cycleFile, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final ByteBuffer start = ByteBuffer.allocate(1 << 20);
            file.read(start, 0);
            final byte[] bytes = start.array();
            switch (damage)
            {
                case PAYLOADS ->
                {
                    for (int record = 1; record <= 4; record++)
                    {
                        final byte[] payload = encoded(records.get(record));
                        file.write(ByteBuffer.wrap(filled(payload.length, (byte)0xEE)), find(bytes, payload));
                    }
                }
                case HEADER ->
                {
                    final byte[] payload = encoded(records.get(1));
                    file.write(ByteBuffer.wrap(filled(4 + payload.length, (byte)0xFF)), find(bytes, payload) - 4);
                }
                case LENGTH_PAST_THE_END ->
                {
                    final byte[] payload = encoded(records.get(1));
                    final ByteBuffer garbage = ByteBuffer.allocate(4 + payload.length).order(ByteOrder.nativeOrder());
                    new Random(16).nextBytes(garbage.array());
                    garbage.putInt(0, ALMOST_1_GIB);
                    file.write(garbage, find(bytes, payload) - 4);
                }
                default -> throw new IllegalArgumentException(damage.name());
            }
        }
    }

    private static byte[] encoded(final ErrorRecord record)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = ErrorRecordCodec.encode(record, buffer, 0);
        return Arrays.copyOf(buffer.byteArray(), length);
    }

    private static int find(final byte[] bytes, final byte[] part)
    {
        for (int at = 0; at + part.length <= bytes.length; at++)
        {
            if (Arrays.equals(bytes, at, at + part.length, part, 0, part.length))
            {
                return at;
            }
        }
        throw new AssertionError("record not found in the cycle file");
    }

    private static byte[] filled(final int length, final byte value)
    {
        final byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}

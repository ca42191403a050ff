package org.spm4j.shm.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.shm.ProtocolException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class ErrorJournalScannerTest
{
    @TempDir
    Path tempDir;

    private final SetTimeProvider time = new SetTimeProvider(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void shouldReadTheHubsQueueAndEverySpokesMergedByTheTimeOfEachRecord()
    {
        final List<String> expected = new ArrayList<>();
        try (ErrorJournal journal = open();
            ErrorJournalAppender hub = journal.appender();
            ErrorJournalAppender spoke0 = journal.spokeJournal(0).appender();
            ErrorJournalAppender spoke1 = journal.spokeJournal(1).appender())
        {
            final ErrorJournalAppender[] writers = {hub, spoke0, spoke1};
            final int[] writerOfSequence = {1, 1, 2, 0, 1, 2, 2, 0, 1, 1};
            for (int sequence = 0; sequence < writerOfSequence.length; sequence++)
            {
                final int writer = writerOfSequence[sequence];
                final long index = writers[writer].append(TestRecords.record(writer, sequence));
                expected.add(writer + "/" + sequence + "@" + index);
                time.advanceMillis(400);
            }
        }

        assertEquals(expected, readAll(tempDir));
    }

    @Test
    void shouldPickUpASpokesQueueThatAppearsWhileItReads()
    {
        try (ErrorJournal journal = open();
            ErrorJournalAppender hub = journal.appender();
            ErrorJournalScanner scanner = ErrorJournalScanner.open(tempDir))
        {
            hub.append(TestRecords.record(0, 1));
            final List<ErrorRecord> read = new ArrayList<>();
            assertEquals(1, scanner.read((record, index) -> read.add(record), ex -> fail(ex), 10));
            assertEquals(0, scanner.read((record, index) -> read.add(record), ex -> fail(ex), 10));

            try (ErrorJournalAppender spoke = journal.spokeJournal(7).appender())
            {
                spoke.append(TestRecords.record(7, 2));
            }

            assertEquals(1, scanner.read((record, index) -> read.add(record), ex -> fail(ex), 10));
            assertEquals(List.of(TestRecords.record(0, 1), TestRecords.record(7, 2)), read);
        }
    }

    @Test
    void shouldReportARecordThatDoesNotDecodeAndReadOn()
    {
        final Path spokeQueue = ErrorJournalLayout.queueDirectory(tempDir, 4);
        try (ErrorJournal journal = open();
            ErrorJournalAppender spoke = journal.spokeJournal(4).appender())
        {
            spoke.append(TestRecords.record(4, 1));
            appendRaw(spokeQueue, new byte[] {ErrorRecordCodec.SCHEMA_VERSION, 1, 0, 0});
            spoke.append(TestRecords.record(4, 2));
        }
        final List<String> records = new ArrayList<>();
        final List<ProtocolException> undecoded = new ArrayList<>();
        try (ErrorJournalScanner scanner = ErrorJournalScanner.open(tempDir))
        {
            assertEquals(3, scanner.read((record, index) -> records.add(TestRecords.key(record)), undecoded::add, 10));
        }

        assertEquals(List.of("4/1", "4/2"), records);
        assertEquals(1, undecoded.size());
        assertTrue(undecoded.get(0).getMessage().contains("error journal record at index"),
            undecoded.get(0).getMessage());
    }

    @Test
    void shouldRefuseADirectoryThatHoldsNoQueue() throws Exception
    {
        Files.createDirectories(tempDir.resolve("spoke-0"));

        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> ErrorJournalScanner.open(tempDir));

        assertTrue(ex.getMessage().contains("is not an error journal"), ex.getMessage());
    }

    @Test
    void shouldWaitForTheHeaderOfAQueueFileThatIsBeingCreated() throws Exception
    {
        try (ErrorJournal journal = open();
            ErrorJournalAppender hub = journal.appender())
        {
            hub.append(TestRecords.record(0, 1));
        }
        final Path cycleFile;
        try (Stream<Path> files = Files.list(tempDir))
        {
            cycleFile = files.filter(file -> file.toString().endsWith(SingleChronicleQueue.SUFFIX)).findFirst()
                .orElseThrow();
        }
        final ByteBuffer header = ByteBuffer.allocate(Integer.BYTES);
        try (FileChannel file = FileChannel.open(cycleFile, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            file.read(header, 0);
            file.write(ByteBuffer.allocate(Integer.BYTES), 0);
        }
        final Thread writer = new Thread(() ->
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(QueueFileCheck.UNFINISHED_HEADER_WAIT_MS / 5));
            try (FileChannel file = FileChannel.open(cycleFile, StandardOpenOption.WRITE))
            {
                file.write(header.flip(), 0);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        });
        writer.start();

        assertEquals(1, readAll(tempDir).size());
        writer.join();
    }

    private static List<String> readAll(final Path directory)
    {
        final List<String> read = new ArrayList<>();
        try (ErrorJournalScanner scanner = ErrorJournalScanner.open(directory))
        {
            while (scanner.read((record, index) -> read.add(TestRecords.key(record) + "@" + index), ex -> fail(ex),
                3) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return read;
    }

    private ErrorJournal open()
    {
        return ErrorJournal.builder(tempDir).rollCycle(TestRollCycles.TEST_SECONDLY).timeProvider(time).open();
    }

    private void appendRaw(final Path directory, final byte[] content)
    {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory)
                .rollCycle(TestRollCycles.TEST_SECONDLY).timeProvider(time).build();
            ExcerptAppender appender = queue.createAppender())
        {
            appender.writeBytes(Bytes.wrapForRead(content));
        }
    }
}

package org.spm4j.shm.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.onoes.ExceptionKey;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.shm.ProtocolException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorJournalReaderTest
{
    private static final int CYCLES = 4;
    private static final int PER_CYCLE = 25;

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
    void shouldReadEachRecordByTheIndexAnotherProcessesAppendReturned()
    {
        try (ErrorJournal hubView = open();
            ErrorJournalReader reader = hubView.reader();
            ErrorJournal spokeView = open();
            ErrorJournalAppender appender = spokeView.appender())
        {
            final List<Long> indexes = new ArrayList<>();
            for (int cycle = 0; cycle < CYCLES; cycle++)
            {
                for (int i = 0; i < PER_CYCLE; i++)
                {
                    indexes.add(appender.append(TestRecords.record(2, indexes.size())));
                }
                time.advanceMillis(1_000);
            }

            for (int i = indexes.size() - 1; i >= 0; i--)
            {
                assertEquals(TestRecords.record(2, i), reader.read(indexes.get(i)), "record " + i);
            }
            assertEquals(CYCLES * PER_CYCLE, reader.recordsRead());
            assertEquals(PER_CYCLE, reader.recordsInCycle(hubView.cycleOf(indexes.get(0))));
        }
        assertEquals(Map.of(), chronicleSaid);
    }

    @Test
    void shouldReadRecordsInTheOrderTheyWereAppendedAcrossCyclesAndNothingInBetween()
    {
        try (ErrorJournal journal = open();
            ErrorJournalAppender appender = journal.appender();
            ErrorJournalReader reader = journal.reader())
        {
            final List<Long> indexes = new ArrayList<>();
            for (int cycle = 0; cycle < CYCLES; cycle++)
            {
                for (int i = 0; i < PER_CYCLE; i++)
                {
                    indexes.add(appender.append(TestRecords.record(2, indexes.size())));
                }
                time.advanceMillis(1_000);
            }

            for (int i = 0; i < indexes.size(); i++)
            {
                assertEquals(TestRecords.record(2, i), reader.read(indexes.get(i)), "record " + i);
                if (PER_CYCLE - 1 == i % PER_CYCLE)
                {
                    assertNull(reader.read(indexes.get(i) + 1), "after the last record of cycle " + i / PER_CYCLE);
                }
            }
            assertEquals(CYCLES * PER_CYCLE, reader.recordsRead());
        }
    }

    @Test
    void shouldReadNothingButTheRecordAskedFor()
    {
        try (ErrorJournal journal = open();
            ErrorJournalAppender appender = journal.appender())
        {
            ErrorJournalTest.appendRecords(appender, 0, 10_000);
            final long index = appender.append(TestRecords.record(1, 10_000));
            ErrorJournalTest.appendRecords(appender, 10_001, 100);
            try (ErrorJournalReader reader = journal.reader())
            {
                assertEquals(0, reader.recordsRead());

                assertEquals(TestRecords.record(1, 10_000), reader.read(index));
                assertEquals(1, reader.recordsRead());
            }
        }
    }

    @Test
    void shouldReadNoRecordWhereTheJournalHoldsNone()
    {
        try (ErrorJournal journal = open();
            ErrorJournalAppender appender = journal.appender();
            ErrorJournalReader reader = journal.reader())
        {
            final long released = appender.append(TestRecords.record(1, 0));
            time.advanceMillis(1_000);
            final long last = appender.append(TestRecords.record(1, 1));
            final int lastCycle = journal.cycleOf(last);
            assertEquals(1, journal.releaseCycles(cycle -> true).size());

            assertNull(reader.read(-1L));
            assertNull(reader.read(released));
            assertNull(reader.read(last + 1));
            assertNull(reader.read(TestRollCycles.TEST_SECONDLY.toIndex(lastCycle + 5, 0)));
            assertEquals(TestRecords.record(1, 1), reader.read(last));
            assertEquals(1, reader.recordsRead());
        }
    }

    @Test
    void shouldNameTheIndexOfARecordThatDoesNotDecode()
    {
        try (ErrorJournal journal = ErrorJournal.open(tempDir);
            ErrorJournalReader reader = journal.reader())
        {
            final long corrupt = appendRaw(new byte[] {ErrorRecordCodec.SCHEMA_VERSION, 1, 0, 0});

            final ProtocolException ex = assertThrows(ProtocolException.class, () -> reader.read(corrupt));

            assertTrue(ex.getMessage().contains("index " + corrupt), ex.getMessage());
        }
    }

    @Test
    void shouldLeaveTheJournalsMetadataAsItWasHoweverManyReadersComeAndGo() throws Exception
    {
        final Path metadata = tempDir.resolve("metadata.cq4t");
        try (ErrorJournal journal = open();
            ErrorJournalAppender appender = journal.appender())
        {
            final long index = appender.append(TestRecords.record(1, 0));
            final long metadataLength = Files.size(metadata);
            for (int i = 0; i < 5_000; i++)
            {
                try (ErrorJournalReader reader = journal.reader())
                {
                    if (0 == i % 500)
                    {
                        assertEquals(TestRecords.record(1, 0), reader.read(index));
                    }
                }
            }
            assertEquals(metadataLength, Files.size(metadata));
        }
    }

    private ErrorJournal open()
    {
        return ErrorJournal.builder(tempDir).rollCycle(TestRollCycles.TEST_SECONDLY).timeProvider(time).open();
    }

    private long appendRaw(final byte[] content)
    {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(tempDir)
                .rollCycle(ErrorJournal.DEFAULT_ROLL_CYCLE).build();
            ExcerptAppender appender = queue.createAppender())
        {
            appender.writeBytes(Bytes.wrapForRead(content));
            return appender.lastIndexAppended();
        }
    }
}

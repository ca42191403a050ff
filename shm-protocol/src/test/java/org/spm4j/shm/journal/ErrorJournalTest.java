package org.spm4j.shm.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spm4j.shm.ProtocolException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorJournalTest
{
    @TempDir
    Path tempDir;

    @Test
    void shouldDrainWhatWasAppendedWithTheIndexesAppendReturned()
    {
        try (ErrorJournal journal = ErrorJournal.open(tempDir.resolve("journal"));
            ErrorJournalAppender appender = journal.appender();
            ErrorJournalDrainer drainer = journal.drainer("hub"))
        {
            final List<Long> appended = new ArrayList<>();
            for (int i = 0; i < 10; i++)
            {
                appended.add(appender.append(TestRecords.record(1, i)));
            }

            final List<Long> drained = new ArrayList<>();
            final List<ErrorRecord> records = new ArrayList<>();
            final int count = drainer.drain((record, index) ->
            {
                records.add(record);
                drained.add(index);
            }, 100);

            assertEquals(10, count);
            assertEquals(appended, drained);
            for (int i = 0; i < 10; i++)
            {
                assertEquals(TestRecords.record(1, i), records.get(i));
            }
            assertEquals(0, drainer.drain(ErrorJournalTest::ignore, 100));
        }
    }

    @Test
    void shouldStopAtTheLimit()
    {
        try (ErrorJournal journal = ErrorJournal.open(tempDir);
            ErrorJournalAppender appender = journal.appender();
            ErrorJournalDrainer drainer = journal.drainer("hub"))
        {
            appendRecords(appender, 0, 5);

            final List<Long> tasks = new ArrayList<>();
            assertEquals(3, drainer.drain((record, index) -> tasks.add(record.taskId()), 3));
            assertEquals(2, drainer.drain((record, index) -> tasks.add(record.taskId()), 3));
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L), tasks);
        }
    }

    @Test
    void shouldResumeWhereAClosedDrainerOfTheSameNameStopped()
    {
        final List<Long> tasks = new ArrayList<>();
        try (ErrorJournal journal = ErrorJournal.open(tempDir);
            ErrorJournalAppender appender = journal.appender())
        {
            appendRecords(appender, 0, 1_000);
            try (ErrorJournalDrainer drainer = journal.drainer("hub"))
            {
                assertEquals(500, drainer.drain((record, index) -> tasks.add(record.taskId()), 500));
            }
            appendRecords(appender, 1_000, 1_000);
            try (ErrorJournalDrainer drainer = journal.drainer("hub"))
            {
                assertEquals(1_500, drainer.drain((record, index) -> tasks.add(record.taskId()), 10_000));
            }
        }

        try (ErrorJournal journal = ErrorJournal.open(tempDir);
            ErrorJournalDrainer drainer = journal.drainer("hub"))
        {
            assertEquals(0, drainer.drain((record, index) -> tasks.add(record.taskId()), 10_000));
        }
        assertSequence(tasks, 2_000);
    }

    @Test
    void shouldKeepAPositionPerName()
    {
        try (ErrorJournal journal = ErrorJournal.open(tempDir);
            ErrorJournalAppender appender = journal.appender();
            ErrorJournalDrainer hub = journal.drainer("hub");
            ErrorJournalDrainer audit = journal.drainer("audit"))
        {
            appendRecords(appender, 0, 10);

            assertEquals(4, hub.drain(ErrorJournalTest::ignore, 4));
            assertEquals(10, audit.drain(ErrorJournalTest::ignore, 100));
            assertEquals(6, hub.drain(ErrorJournalTest::ignore, 100));
        }
    }

    @Test
    void shouldHandARecordAgainWhenItsHandlerThrew()
    {
        try (ErrorJournal journal = ErrorJournal.open(tempDir);
            ErrorJournalAppender appender = journal.appender())
        {
            appendRecords(appender, 0, 3);
            final IllegalStateException failure = new IllegalStateException("handler failed");
            try (ErrorJournalDrainer drainer = journal.drainer("hub"))
            {
                final List<Long> tasks = new ArrayList<>();
                final IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> drainer.drain((record, index) ->
                    {
                        if (record.taskId() == 1)
                        {
                            throw failure;
                        }
                        tasks.add(record.taskId());
                    }, 10));
                assertSame(failure, thrown);
                assertEquals(List.of(0L), tasks);
            }
            try (ErrorJournalDrainer drainer = journal.drainer("hub"))
            {
                final List<Long> tasks = new ArrayList<>();
                assertEquals(2, drainer.drain((record, index) -> tasks.add(record.taskId()), 10));
                assertEquals(List.of(1L, 2L), tasks);
            }
        }
    }

    @Test
    void shouldReportACorruptRecordByIndexAndCarryOnAfterIt()
    {
        try (ErrorJournal journal = ErrorJournal.open(tempDir);
            ErrorJournalAppender appender = journal.appender();
            ErrorJournalDrainer drainer = journal.drainer("hub"))
        {
            appender.append(TestRecords.record(1, 0));
            final long corruptIndex = appendRaw(new byte[] {ErrorRecordCodec.SCHEMA_VERSION, 1, 0, 0});
            appender.append(TestRecords.record(1, 1));

            final List<Long> tasks = new ArrayList<>();
            final ProtocolException ex = assertThrows(ProtocolException.class,
                () -> drainer.drain((record, index) -> tasks.add(record.taskId()), 10));

            assertTrue(ex.getMessage().contains("index " + corruptIndex), ex.getMessage());
            assertTrue(ex.getMessage().contains("truncated"), ex.getMessage());
            assertEquals(List.of(0L), tasks);
            assertEquals(1, drainer.drain((record, index) -> tasks.add(record.taskId()), 10));
            assertEquals(List.of(0L, 1L), tasks);
        }
    }

    @Test
    void shouldRecordAFailureWhosePayloadIsTooBigForTheJournal()
    {
        try (ErrorJournal journal = ErrorJournal.open(tempDir);
            ErrorJournalAppender appender = journal.appender();
            ErrorJournalDrainer drainer = journal.drainer("hub"))
        {
            final ErrorRecord huge = TestRecords.record(1, 0).toBuilder()
                .argumentBytes(new byte[appender.maxRecordLength() + 1])
                .build();
            final long index = appender.append(huge);
            appender.append(TestRecords.record(1, 1));

            final List<ErrorRecord> records = new ArrayList<>();
            final List<Long> indexes = new ArrayList<>();
            assertEquals(2, drainer.drain((record, recordIndex) ->
            {
                records.add(record);
                indexes.add(recordIndex);
            }, 10));
            assertEquals(index, indexes.get(0));
            assertEquals(0, records.get(0).argumentBytes().length);
            assertEquals(huge.message(), records.get(0).message());
            assertTrue(records.get(0).stackTrace().contains("argument bytes (" + (appender.maxRecordLength() + 1) +
                ") dropped"));
            assertEquals(TestRecords.record(1, 1), records.get(1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/name", "replicated:hub", "n\u00e4me",
        "a-name-of-sixty-five-characters-which-is-one-more-than-the-limit-"})
    void shouldRejectABadDrainerName(final String name)
    {
        try (ErrorJournal journal = ErrorJournal.open(tempDir))
        {
            assertThrows(IllegalArgumentException.class, () -> journal.drainer(name));
        }
    }

    @Test
    void shouldOpenASpokesQueueWithItsOwnOptionsOnceAndCloseItWithItself()
    {
        final ErrorJournal journal = ErrorJournal.builder(tempDir).rollCycle(TestRollCycles.TEST_SECONDLY).open();
        final ErrorJournal spoke;
        try (journal)
        {
            spoke = journal.spokeJournal(3);

            assertEquals(tempDir.resolve("spoke-3"), spoke.directory());
            assertEquals(journal.cycleLengthMs(), spoke.cycleLengthMs());
            assertSame(spoke, journal.spokeJournal(3));
            assertSame(journal, journal.spokeJournal(ErrorJournalLayout.HUB));
            try (ErrorJournalAppender appender = spoke.appender())
            {
                appender.append(TestRecords.record(3, 1));
            }
            assertEquals(Map.of(3, tempDir.resolve("spoke-3")), ErrorJournalLayout.spokeQueueDirectories(tempDir));
        }

        assertThrows(IllegalStateException.class, () -> journal.spokeJournal(3));
        assertThrows(RuntimeException.class, spoke::appender);
    }

    @Test
    void shouldCreateItsDirectoryForTheOwnerOnly() throws Exception
    {
        final Path directory = tempDir.resolve("pool").resolve("journal");
        try (ErrorJournal journal = ErrorJournal.open(directory))
        {
            assertEquals(directory, journal.directory());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        }
    }

    private long appendRaw(final byte[] content)
    {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(tempDir).build();
            ExcerptAppender appender = queue.createAppender())
        {
            appender.writeBytes(Bytes.wrapForRead(content));
            return appender.lastIndexAppended();
        }
    }

    static void ignore(final ErrorRecord record, final long index)
    {
    }

    static void appendRecords(final ErrorJournalAppender appender, final long from, final int count)
    {
        for (long sequence = from; sequence < from + count; sequence++)
        {
            appender.append(TestRecords.record(1, sequence));
        }
    }

    static void assertSequence(final List<Long> tasks, final int count)
    {
        assertEquals(count, tasks.size());
        for (int i = 0; i < count; i++)
        {
            assertEquals(i, tasks.get(i), "task at position " + i);
        }
    }
}

package org.spm4j.shm.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.onoes.ExceptionKey;
import net.openhft.chronicle.core.onoes.LogLevel;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorJournalRetentionTest
{
    private static final int CYCLES = 5;
    private static final int PER_CYCLE = 10;

    @TempDir
    Path tempDir;

    private final SetTimeProvider time = new SetTimeProvider(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<Long> drained = new ArrayList<>();
    private final ErrorRecordHandler collect = (record, index) -> drained.add(record.taskId());

    private Map<ExceptionKey, Integer> chronicleSaid;

    @BeforeEach
    void appendAcrossCycles()
    {
        chronicleSaid = Jvm.recordExceptions(false, false, false);
        try (ErrorJournal journal = open();
            ErrorJournalAppender appender = journal.appender())
        {
            long sequence = 0;
            for (int cycle = 0; cycle < CYCLES; cycle++)
            {
                for (int i = 0; i < PER_CYCLE; i++)
                {
                    appender.append(TestRecords.record(1, sequence++));
                }
                if (cycle < CYCLES - 1)
                {
                    time.advanceMillis(1_000);
                }
            }
        }
    }

    @AfterEach
    void stopRecordingChronicle()
    {
        Jvm.resetExceptionHandlers();
    }

    @Test
    void shouldReleaseOnlyTheCyclesTheDrainerHasPassed() throws IOException
    {
        final List<Path> files = cycleFiles();
        assertEquals(CYCLES, files.size());

        try (ErrorJournal journal = open();
            ErrorJournalDrainer drainer = journal.drainer("hub"))
        {
            assertEquals(List.of(), drainer.releasePassedCycles());

            assertEquals(25, drainer.drain(collect, 25));
            assertEquals(files.subList(0, 2), drainer.releasePassedCycles());
            assertEquals(files.subList(2, CYCLES), cycleFiles());

            assertEquals(25, drainer.drain(collect, 100));
            assertEquals(files.subList(2, CYCLES - 1), drainer.releasePassedCycles());
            assertEquals(files.subList(CYCLES - 1, CYCLES), cycleFiles());
            assertEquals(List.of(), drainer.releasePassedCycles());
        }
        ErrorJournalTest.assertSequence(drained, CYCLES * PER_CYCLE);
        assertEquals(Map.of(), chronicleSaid);
    }

    @Test
    void shouldResumeAtACycleBoundary()
    {
        try (ErrorJournal journal = open())
        {
            for (int cycle = 0; cycle < CYCLES; cycle++)
            {
                try (ErrorJournalDrainer drainer = journal.drainer("hub"))
                {
                    assertEquals(PER_CYCLE, drainer.drain(collect, PER_CYCLE));
                }
            }
            try (ErrorJournalDrainer drainer = journal.drainer("hub"))
            {
                assertEquals(0, drainer.drain(collect, PER_CYCLE));
                assertEquals(CYCLES - 1, drainer.releasePassedCycles().size());
            }
        }
        ErrorJournalTest.assertSequence(drained, CYCLES * PER_CYCLE);
        assertEquals(Map.of(), chronicleSaid);
    }

    @Test
    void shouldKeepTheLatestCycleEvenWhenTheDrainerIsPastItsEnd() throws IOException
    {
        try (ErrorJournal journal = open();
            ErrorJournalDrainer drainer = journal.drainer("hub"))
        {
            assertEquals(CYCLES * PER_CYCLE, drainer.drain(collect, 1_000));
            time.advanceMillis(5_000);

            assertEquals(CYCLES - 1, drainer.releasePassedCycles().size());
            assertEquals(1, cycleFiles().size());
        }
        assertEquals(Map.of(), chronicleSaid);
    }

    @Test
    void shouldAppendAndReadAfterRelease() throws IOException
    {
        try (ErrorJournal journal = open();
            ErrorJournal otherView = open();
            ErrorJournalDrainer lateReader = otherView.drainer("late");
            ErrorJournalAppender appender = journal.appender();
            ErrorJournalAppender otherAppender = otherView.appender();
            ErrorJournalDrainer drainer = journal.drainer("hub"))
        {
            assertEquals(CYCLES * PER_CYCLE, drainer.drain(collect, 1_000));
            assertEquals(CYCLES - 1, drainer.releasePassedCycles().size());

            final long inLiveCycle = CYCLES * PER_CYCLE;
            appender.append(TestRecords.record(1, inLiveCycle));
            time.advanceMillis(1_000);
            otherAppender.append(TestRecords.record(1, inLiveCycle + 1));
            appender.append(TestRecords.record(1, inLiveCycle + 2));

            assertEquals(3, drainer.drain(collect, 1_000));
            ErrorJournalTest.assertSequence(drained, CYCLES * PER_CYCLE + 3);

            final List<Long> late = new ArrayList<>();
            assertEquals(PER_CYCLE + 3, lateReader.drain((record, index) -> late.add(record.taskId()), 1_000));
            assertEquals((CYCLES - 1) * PER_CYCLE, late.get(0));
            assertEquals(inLiveCycle + 2, late.get(late.size() - 1));

            assertEquals(1, drainer.releasePassedCycles().size());
            assertEquals(1, cycleFiles().size());
        }

        try (ErrorJournal journal = open();
            ErrorJournalDrainer fresh = journal.drainer("fresh"))
        {
            final List<Long> rest = new ArrayList<>();
            assertEquals(2, fresh.drain((record, index) -> rest.add(record.taskId()), 1_000));
            assertEquals(List.of(CYCLES * PER_CYCLE + 1L, CYCLES * PER_CYCLE + 2L), rest);
        }
        assertEquals(Map.of(), chronicleSaid);
    }

    @Test
    void shouldLetAReaderInsideAReleasedCycleFinishItThenSkipToTheOldestKeptCycle()
    {
        try (ErrorJournal journal = open();
            ErrorJournal otherView = open();
            ErrorJournalDrainer insideFirstCycle = otherView.drainer("inside");
            ErrorJournalDrainer drainer = journal.drainer("hub"))
        {
            final List<Long> inside = new ArrayList<>();
            assertEquals(1, insideFirstCycle.drain((record, index) -> inside.add(record.taskId()), 1));
            assertEquals(CYCLES * PER_CYCLE, drainer.drain(collect, 1_000));
            assertEquals(CYCLES - 1, drainer.releasePassedCycles().size());

            final int rest = insideFirstCycle.drain((record, index) -> inside.add(record.taskId()), 1_000);

            assertEquals(2 * PER_CYCLE - 1, rest);

            final List<Long> expected = new ArrayList<>();
            for (long task = 0; task < PER_CYCLE; task++)
            {
                expected.add(task);
            }
            for (long task = (CYCLES - 1) * PER_CYCLE; task < CYCLES * PER_CYCLE; task++)
            {
                expected.add(task);
            }
            assertEquals(expected, inside);
        }
        assertEquals(1, chronicleSaid.size(), chronicleSaid::toString);
        final ExceptionKey said = chronicleSaid.keySet().iterator().next();
        assertEquals(LogLevel.ERROR, said.level());
        assertTrue(said.message().contains("deleted from under the queue"), said.message());
    }

    @Test
    void shouldReleaseOnlyCyclesBeforeTheCurrentOneThatPassed() throws IOException
    {
        final List<Path> files = cycleFiles();
        try (ErrorJournal journal = open())
        {
            final int first = journal.currentCycle() - (CYCLES - 1);
            final List<Integer> asked = new ArrayList<>();

            final List<Path> released = journal.releaseCycles(cycle ->
            {
                asked.add(cycle - first);
                return 0 == (cycle - first) % 2;
            });

            assertEquals(List.of(0, 1, 2, 3), asked);
            assertEquals(List.of(files.get(0), files.get(2)), released);
            assertEquals(List.of(files.get(1), files.get(3), files.get(4)), cycleFiles());
            assertFalse(journal.holdsCycle(first));
            assertTrue(journal.holdsCycle(first + 1));
        }
        assertEquals(Map.of(), chronicleSaid);
    }

    @Test
    void shouldKeepTheLatestCycleWhenTheClockHasMovedPastIt() throws IOException
    {
        time.advanceMillis(10_000);
        try (ErrorJournal journal = open())
        {
            assertEquals(CYCLES - 1, journal.releaseCycles(cycle -> true).size());
            assertEquals(1, cycleFiles().size());
        }
        assertEquals(Map.of(), chronicleSaid);
    }

    @Test
    void shouldReleaseByAgeTheCyclesThatEndedBeforeATime() throws IOException
    {
        final List<Path> files = cycleFiles();
        try (ErrorJournal journal = open())
        {
            final int first = journal.currentCycle() - (CYCLES - 1);

            assertEquals(List.of(), journal.releaseCyclesEndedBy(journal.cycleEndMs(first) - 1));
            assertEquals(files.subList(0, 2), journal.releaseCyclesEndedBy(journal.cycleEndMs(first + 1)));
            assertEquals(files.subList(2, CYCLES - 1), journal.releaseCyclesEndedBy(Long.MAX_VALUE / 2));
            assertEquals(files.subList(CYCLES - 1, CYCLES), cycleFiles());
        }
        assertEquals(Map.of(), chronicleSaid);
    }

    @Test
    void shouldPlaceIndexesAndTimesInTheirCycles()
    {
        try (ErrorJournal journal = open();
            ErrorJournalAppender appender = journal.appender())
        {
            time.advanceMillis(400);
            final int current = journal.currentCycle();
            final long index = appender.append(TestRecords.record(1, 100));

            assertEquals(current, journal.cycleOf(index));
            assertEquals(1_000, journal.cycleLengthMs());
            assertEquals(time.currentTimeMillis(), journal.currentTimeMs());
            assertEquals(journal.cycleEndMs(current - 1) + 1_000, journal.cycleEndMs(current));
            assertTrue(journal.cycleEndMs(current - 1) <= journal.currentTimeMs() &&
                journal.currentTimeMs() < journal.cycleEndMs(current));
            assertEquals(index, journal.lastIndex());
        }
    }

    private ErrorJournal open()
    {
        return ErrorJournal.builder(tempDir).rollCycle(TestRollCycles.TEST_SECONDLY).timeProvider(time).open();
    }

    private List<Path> cycleFiles() throws IOException
    {
        try (Stream<Path> files = Files.list(tempDir))
        {
            return files.filter(file -> file.toString().endsWith(".cq4")).sorted().toList();
        }
    }
}

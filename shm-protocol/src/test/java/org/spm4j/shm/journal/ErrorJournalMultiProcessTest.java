package org.spm4j.shm.journal;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.shm.test.ChildJvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class ErrorJournalMultiProcessTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path tempDir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldDrainEveryRecordOfTwoWriterProcessesOnceAndInOrder() throws Exception
    {
        final int writers = 2;
        final int perWriter = 100_000;
        final long[] nextSequence = new long[writers + 1];
        final long[] lastIndex = {-1};
        int total = 0;

        try (ErrorJournal journal = ErrorJournal.open(tempDir);
            ErrorJournalDrainer drainer = journal.drainer("hub");
            ChildJvm first = ChildJvm.start(JournalWriterMain.class, tempDir.toString(), "1", "" + perWriter);
            ChildJvm second = ChildJvm.start(JournalWriterMain.class, tempDir.toString(), "2", "" + perWriter))
        {
            final ErrorRecordHandler check = (record, index) ->
            {
                final int writer = record.spokeId();
                assertEquals(nextSequence[writer], record.taskId(), "sequence of writer " + writer);
                assertEquals(TestRecords.record(writer, record.taskId()).toBuilder().pid(record.pid()).build(), record);
                assertTrue(index > lastIndex[0], "index " + index + " after " + lastIndex[0]);
                nextSequence[writer]++;
                lastIndex[0] = index;
            };
            while (total < writers * perWriter)
            {
                final int drained = drainer.drain(check, 10_000);
                total += drained;
                if (drained == 0)
                {
                    Thread.sleep(1);
                }
            }

            for (final ChildJvm writer : List.of(first, second))
            {
                System.out.println("appends/s p50ns p99ns: " + writer.awaitLine("writer ", CHILD_TIMEOUT));
                assertEquals(0, writer.awaitExit(CHILD_TIMEOUT));
            }
            assertEquals(0, drainer.drain(check, 10));
        }
        assertEquals(writers * perWriter, total);
        assertEquals(perWriter, nextSequence[1]);
        assertEquals(perWriter, nextSequence[2]);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldResumeWhereADrainerInAnotherProcessStoppedRedeliveringTheRecordItDiedOn() throws Exception
    {
        final int count = 2_000;
        final List<Long> tasks = new ArrayList<>();
        try (ErrorJournal journal = ErrorJournal.open(tempDir);
            ErrorJournalAppender appender = journal.appender())
        {
            ErrorJournalTest.appendRecords(appender, 0, count);

            try (ChildJvm child = ChildJvm.start(JournalDrainerMain.class, tempDir.toString(), "hub", "" + count / 2))
            {
                for (int i = 0; i < count / 2; i++)
                {
                    tasks.add(Long.parseLong(child.awaitLine("drained ", CHILD_TIMEOUT).split(" ")[2]));
                }
                assertEquals("halting " + count / 2, child.awaitLine("halting ", CHILD_TIMEOUT));
                assertEquals(JournalDrainerMain.HALT_STATUS, child.awaitExit(CHILD_TIMEOUT));
            }

            try (ErrorJournalDrainer drainer = journal.drainer("hub"))
            {
                assertEquals(count / 2, drainer.drain((record, index) -> tasks.add(record.taskId()), count));
            }
        }
        ErrorJournalTest.assertSequence(tasks, count);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldCarryOnAfterAWriterDiedHoldingTheWriteLock() throws Exception
    {
        try (ErrorJournal journal = ErrorJournal.builder(tempDir).lockTimeoutMs(200).open();
            ErrorJournalAppender appender = journal.appender();
            ErrorJournalDrainer drainer = journal.drainer("hub"))
        {
            appender.append(TestRecords.record(1, 0));
            try (ChildJvm child = ChildJvm.start(JournalLockHolderMain.class, tempDir.toString()))
            {
                child.awaitLine("holding", CHILD_TIMEOUT);
                child.kill();
            }

            final long startNs = System.nanoTime();
            appender.append(TestRecords.record(1, 1));
            final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            System.out.println("append after a writer died holding the lock took " + tookMs + " ms");

            final List<Long> tasks = new ArrayList<>();
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (tasks.size() < 2 && System.nanoTime() < deadlineNs)
            {
                drainer.drain((record, index) -> tasks.add(record.taskId()), 10);
            }
            assertEquals(List.of(0L, 1L), tasks);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldPrintNothingButItsOwnLinesWhenOpeningAppendingAndDraining() throws Exception
    {
        final List<String> classpathWithoutJUnit = new ArrayList<>();
        for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator))
        {
            if (!entry.contains(File.separator + "junit" + File.separator))
            {
                classpathWithoutJUnit.add(entry);
            }
        }

        try (ChildJvm child = ChildJvm.start(
            classpathWithoutJUnit, JournalQuietMain.class, tempDir.resolve("journal").toString()))
        {
            final List<String> lines = child.awaitRemainingLines(CHILD_TIMEOUT);
            assertEquals(0, child.awaitExit(CHILD_TIMEOUT), lines::toString);

            for (final String line : lines)
            {
                if (!line.startsWith(JournalQuietMain.PREFIX))
                {
                    fail("child printed '" + line + "' to stdout; all it printed: " + lines);
                }
            }
            assertEquals(3, lines.size(), lines::toString);
            assertEquals(JournalQuietMain.PREFIX + "drained 1", lines.get(1));
            assertEquals(JournalQuietMain.PREFIX + "properties chronicle.analytics.disable=true " +
                "chronicle.announcer.disable=true disable.perf.info=true", lines.get(2));
        }
    }
}

package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.shm.journal.ErrorJournalLayout;

/**
 * Each spoke opens its own queue of the error journal at its first failure: a spoke that never fails never pays for
 * Chronicle, and one that cannot open its queue still fails its task at once.
 */
class SpokeJournalTest
{
    @TempDir
    private Path root;

    @Test
    @Timeout(60)
    void shouldOpenASpokesQueueOfTheJournalAtItsFirstFailureOnly()
    {
        try (Pool pool = Pool.builder().spokes(2).root(root).build())
        {
            final Closure<Integer, Integer> refuseThree = pool.define("refuse-three", SpokeJournalTest::refuseThree);
            final List<TaskFailure> seen = new CopyOnWriteArrayList<>();
            try (TaskFarm farm = pool.taskFarm().errorPolicy(failure ->
            {
                seen.add(failure);
                return ErrorPolicy.Decision.IGNORE;
            }).start())
            {
                assertEquals(List.of(0, 1, 2, 4), farm.map(refuseThree, List.of(0, 1, 2, 4)));
                assertEquals(Map.of(), ErrorJournalLayout.spokeQueueDirectories(pool.journalDirectory()));

                assertEquals(Arrays.asList(1, null), farm.map(refuseThree, List.of(1, 3)));
            }

            assertEquals(1, seen.size());
            final TaskFailure failure = seen.get(0);
            assertEquals("three is refused", failure.remoteMessage());
            assertTrue(failure.journalIndex() >= 0, failure.toString());
            assertEquals(Set.of(failure.spokeId()),
                ErrorJournalLayout.spokeQueueDirectories(pool.journalDirectory()).keySet());
        }
    }

    @Test
    @Timeout(60)
    void shouldOpenASpokesQueueAsItsFirstTaskWithADeadlineStartsSoThatAFailureNearTheDeadlineNeedNotWait()
    {
        try (Pool pool = Pool.builder().spokes(1).root(root).build())
        {
            final Closure<Integer, Integer> refuseThree = pool.define("refuse-three", SpokeJournalTest::refuseThree);
            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertEquals(List.of(1), farm.map(refuseThree, List.of(1)));
            }
            assertEquals(Map.of(), ErrorJournalLayout.spokeQueueDirectories(pool.journalDirectory()));

            try (TaskFarm farm = pool.taskFarm().deadline(Duration.ofSeconds(30)).start())
            {
                assertEquals(List.of(2), farm.map(refuseThree, List.of(2)));
            }

            while (!ErrorJournalLayout.spokeQueueDirectories(pool.journalDirectory()).containsKey(0))
            {
                Thread.onSpinWait();
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldFailATaskAtOnceWhenItsSpokeCannotOpenItsQueueOfTheJournal() throws Exception
    {
        try (Pool pool = Pool.builder().spokes(1).root(root).build())
        {
            final Closure<Integer, Integer> refuseThree = pool.define("refuse-three", SpokeJournalTest::refuseThree);
            Files.createFile(ErrorJournalLayout.queueDirectory(pool.journalDirectory(), 0));

            final ParallelException ex = assertTimeout(Duration.ofSeconds(4), () -> assertThrows(
                ParallelException.class, () ->
                {
                    try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.collect()).start())
                    {
                        farm.map(refuseThree, List.of(3));
                    }
                }));

            final TaskFailure failure = ex.failures().get(0);
            assertEquals(FailureKind.TASK_FAILED, failure.kind());
            assertTrue(failure.remoteMessage().contains("could not write its record"), failure.remoteMessage());
        }
    }

    private static Integer refuseThree(final Integer x)
    {
        if (3 == x)
        {
            throw new IllegalStateException("three is refused");
        }
        return x;
    }
}

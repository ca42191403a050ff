package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A map sends its arguments to spokes in chunks, and nothing else changes: every result in its place whatever the
 * chunk size, each element a task of its own to the status callback and the error policy, the same failures as
 * on a serial pool, and the elements of a chunk whose spoke died run again.
 */
class ChunkedMapTest
{
    private static final int ELEMENTS = 20_000;

    @TempDir
    private Path root;

    @ParameterizedTest(name = "chunk size {0}")
    @ValueSource(ints = { 0, 1, 7, 1000 })
    @Timeout(60)
    void shouldGiveEveryResultInPlaceAndTellEveryElementOnceAtAnyChunkSize(final int chunkSize)
    {
        final List<TaskStatus> statuses = Collections.synchronizedList(new ArrayList<>());
        try (Pool pool = PoolKind.LOCAL.start(root))
        {
            final Closure<Integer, Long> affine = pool.define("affine", (Integer x) -> 3L * x + 1);
            try (TaskFarm farm = pool.taskFarm().chunkSize(chunkSize).onStatus(statuses::add).start())
            {
                final List<Long> results = farm.map(affine, Scenarios.range(ELEMENTS));
                for (int i = 0; i < ELEMENTS; i++)
                {
                    assertEquals(3L * i + 1, results.get(i), "result " + i);
                }
            }
        }
        final long first = statuses.stream().mapToLong(TaskStatus::taskId).min().orElseThrow();
        assertEquals(LongStream.range(first, first + ELEMENTS).boxed().toList(),
            statuses.stream().map(TaskStatus::taskId).sorted().toList(), "each element told once, by its own id");
        assertTrue(statuses.stream().allMatch(status -> TaskStatus.State.COMPLETED == status.state()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    @Timeout(60)
    void shouldFailEachFailingElementOnItsOwnAsASerialPoolDoes(final PoolKind kind)
    {
        try (Pool pool = kind.start(root))
        {
            final Closure<Integer, Integer> failing = pool.define("every-97th", ChunkedMapTest::failOnMultiplesOf97);
            final ParallelException ex = assertThrows(ParallelException.class, () ->
            {
                try (TaskFarm farm = pool.taskFarm().chunkSize(50).errorPolicy(ErrorPolicy.collect()).start())
                {
                    farm.map(failing, Scenarios.range(1000));
                }
            });
            // in the order seen, which spokes running side by side make their own
            final List<TaskFailure> failures = ex.failures().stream()
                .sorted(Comparator.comparingLong(TaskFailure::taskId)).toList();
            assertEquals("argument 0,argument 97,argument 194,argument 291,argument 388,argument 485,argument 582," +
                "argument 679,argument 776,argument 873,argument 970", failures.stream()
                .map(TaskFailure::remoteMessage).collect(Collectors.joining(",")));
            final long first = failures.get(0).taskId();
            assertEquals(LongStream.rangeClosed(0, 10).map(i -> first + 97 * i).boxed().toList(),
                failures.stream().map(TaskFailure::taskId).toList(), "each fails under its own task id");
            assertTrue(failures.stream().allMatch(failure -> FailureKind.TASK_FAILED == failure.kind() &&
                1 == failure.attempt()));
        }
    }

    @Test
    @Timeout(60)
    void shouldRetryAFailingElementAloneAndGiveTheExactResult() throws IOException
    {
        final String markers = Files.createDirectory(root.resolve("markers")).toString();
        final List<TaskStatus> statuses = Collections.synchronizedList(new ArrayList<>());
        try (Pool pool = PoolKind.LOCAL.start(root.resolve("pools")))
        {
            final Closure<Integer, Integer> failsOnce = pool.define("fails-once", (Integer x) ->
                failFirstTimeAt(markers, 537, x));
            try (TaskFarm farm = pool.taskFarm().chunkSize(100).onStatus(statuses::add)
                .errorPolicy(ErrorPolicy.retry(1, ErrorPolicy.failFast())).start())
            {
                assertEquals(Scenarios.range(1000), farm.map(failsOnce, Scenarios.range(1000)));
            }
        }
        assertEquals(1, statuses.stream().filter(status -> TaskStatus.State.RETRYING == status.state()).count(),
            statuses.stream().filter(status -> TaskStatus.State.COMPLETED != status.state()).toList().toString());
    }

    @Test
    @Timeout(60)
    void shouldRunTheRestOfAChunkAgainWhenItsSpokeDiesAndFailOnlyTheElementThatRan() throws IOException
    {
        final String markers = Files.createDirectory(root.resolve("markers")).toString();
        final List<TaskStatus> statuses = Collections.synchronizedList(new ArrayList<>());
        try (Pool pool = PoolKind.LOCAL.start(root.resolve("pools")))
        {
            final Closure<Integer, Integer> exitsOnce = pool.define("exits-once", (Integer x) ->
                exitFirstTimeAt(markers, 250, x));
            try (TaskFarm farm = pool.taskFarm().chunkSize(100).onStatus(statuses::add)
                .errorPolicy(ErrorPolicy.retry(1, ErrorPolicy.failFast())).start())
            {
                assertEquals(Scenarios.range(1000), farm.map(exitsOnce, Scenarios.range(1000)));
            }
        }
        final List<TaskStatus> retried = statuses.stream()
            .filter(status -> TaskStatus.State.RETRYING == status.state()).toList();
        assertEquals(1, retried.size(), retried.toString());
        final long first = statuses.stream().mapToLong(TaskStatus::taskId).min().orElseThrow();
        assertEquals(first + 250, retried.get(0).taskId(), "only the element that ran when the spoke died fails");
    }

    private static int failOnMultiplesOf97(final Integer x)
    {
        if (0 == x % 97)
        {
            throw new IllegalStateException("argument " + x);
        }
        return x;
    }

    private static int failFirstTimeAt(final String markers, final int failing, final Integer x) throws IOException
    {
        if (failing == x && firstTime(markers, x))
        {
            throw new IOException("first attempt at " + x + " fails");
        }
        return x;
    }

    private static int exitFirstTimeAt(final String markers, final int exiting, final Integer x) throws IOException
    {
        if (exiting == x && firstTime(markers, x))
        {
            System.exit(3);
        }
        return x;
    }

    private static boolean firstTime(final String markers, final int x) throws IOException
    {
        final Path marker = Path.of(markers, "task-" + x);
        if (Files.exists(marker))
        {
            return false;
        }
        Files.createFile(marker);
        return true;
    }

    @Test
    @Timeout(60)
    void shouldKeepFeedingTheOtherSpokeWhileOneRunsALongTask() throws IOException
    {
        final String markers = Files.createDirectory(root.resolve("markers")).toString();
        final int tasks = 40;
        try (Pool pool = PoolKind.LOCAL.start(root))
        {
            final Closure<Integer, Integer> first = pool.define("first waits for the others", (Integer x) ->
            {
                if (x > 0)
                {
                    Files.createFile(Path.of(markers, x.toString()));
                    return x;
                }
                // what the other spoke runs meanwhile; an element queued behind this one on its spoke waits for it
                final long deadlineNs = System.nanoTime() + 20_000_000_000L;
                while (countFiles(markers) < tasks / 2)
                {
                    if (System.nanoTime() > deadlineNs)
                    {
                        throw new IllegalStateException(countFiles(markers) + " of the others ran while task 0 ran");
                    }
                    Thread.sleep(1);
                }
                return x;
            });
            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertEquals(Scenarios.range(tasks), farm.map(first, Scenarios.range(tasks)));
            }
        }
    }

    private static long countFiles(final String directory) throws IOException
    {
        try (var files = Files.list(Path.of(directory)))
        {
            return files.count();
        }
    }

}

package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both pool kinds keep the same thread-safety: submits from many threads at once, a cancel from another
 * thread that stops the rest of a long map, and a task's OutOfMemoryError that reaches the error policy.
 */
class ConcurrentCallersTest
{
    private static final int THREADS = 4;

    @TempDir
    private Path root;

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    @Timeout(60)
    void shouldTakeSubmitsFromManyThreadsAtOnce(final PoolKind kind) throws Exception
    {
        try (Pool pool = kind.start(root))
        {
            final Closure<Integer, Long> square = pool.define("square", (Integer x) -> (long)x * x);
            try (TaskFarm farm = pool.taskFarm().start())
            {
                final CountDownLatch start = new CountDownLatch(1);
                final List<CompletableFuture<List<CompletableFuture<Long>>>> submitters = new ArrayList<>();
                for (int thread = 0; thread < THREADS; thread++)
                {
                    final int first = thread * 250;
                    submitters.add(CompletableFuture.supplyAsync(() ->
                    {
                        awaitQuietly(start);
                        final List<CompletableFuture<Long>> futures = new ArrayList<>();
                        for (int x = first; x < first + 250; x++)
                        {
                            futures.add(farm.submit(square, x));
                        }
                        return futures;
                    }));
                }
                start.countDown();
                for (int thread = 0; thread < THREADS; thread++)
                {
                    final List<CompletableFuture<Long>> futures = submitters.get(thread).get(30, TimeUnit.SECONDS);
                    for (int i = 0; i < futures.size(); i++)
                    {
                        final long x = thread * 250L + i;
                        assertEquals(x * x, futures.get(i).get(30, TimeUnit.SECONDS));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    @Timeout(60)
    void shouldStopTheRestOfAMapCancelledFromAnotherThread(final PoolKind kind) throws Exception
    {
        final int tasks = 20_000;
        try (Pool pool = kind.start(root))
        {
            final Closure<Integer, Integer> slow = pool.define("slow", (Integer x) ->
            {
                Thread.sleep(1);
                return x;
            });
            final AtomicInteger completed = new AtomicInteger();
            final CountDownLatch someCompleted = new CountDownLatch(50);
            try (TaskFarm farm = pool.taskFarm().queueLimit(100).onStatus(status ->
            {
                if (TaskStatus.State.COMPLETED == status.state())
                {
                    completed.incrementAndGet();
                    someCompleted.countDown();
                }
            }).start())
            {
                final CompletableFuture<List<Integer>> mapped =
                    CompletableFuture.supplyAsync(() -> farm.map(slow, Scenarios.range(tasks)));
                assertTrue(someCompleted.await(30, TimeUnit.SECONDS), "no task completed");

                farm.cancelAll();

                final ExecutionException cancelled = assertThrows(ExecutionException.class,
                    () -> mapped.get(30, TimeUnit.SECONDS));
                assertTrue(cancelled.getCause() instanceof CancellationException, cancelled.toString());
            }
            assertTrue(completed.get() < tasks / 2,
                completed.get() + " of " + tasks + " tasks completed despite cancelAll");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    @Timeout(60)
    void shouldSendATaskOutOfMemoryThroughTheErrorPolicy(final PoolKind kind)
    {
        try (Pool pool = kind.start(root))
        {
            final Closure<Integer, Integer> greedy = pool.define("greedy", (Integer x) ->
            {
                if (2 == x)
                {
                    throw new OutOfMemoryError("simulated: task " + x + " wanted too much");
                }
                return x;
            });
            try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.collect()).start())
            {
                final ParallelException failed = assertThrows(ParallelException.class,
                    () -> farm.map(greedy, Scenarios.range(4)));
                assertEquals(1, failed.failures().size(), failed.failures().toString());
                assertEquals(FailureKind.SPOKE_CRASHED, failed.failures().get(0).kind());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    @Timeout(60)
    void shouldRecordFailuresWhicheverThreadSubmits(final PoolKind kind) throws Exception
    {
        try (Pool pool = kind.start(root))
        {
            final Closure<Integer, Integer> noThrees = pool.define("no-threes", (Integer x) ->
            {
                if (3 == x)
                {
                    throw new IllegalArgumentException("three");
                }
                return x;
            });
            try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.collect()).start())
            {
                for (int thread = 0; thread < THREADS; thread++)
                {
                    final ParallelException failed = CompletableFuture.supplyAsync(() ->
                        assertThrows(ParallelException.class, () -> farm.map(noThrees, Scenarios.range(5))),
                        command -> new Thread(command).start()).get(30, TimeUnit.SECONDS);
                    assertEquals(FailureKind.TASK_FAILED, failed.failures().get(0).kind(), failed.toString());
                    assertEquals("three", failed.failures().get(0).remoteMessage());
                }
            }
        }
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}

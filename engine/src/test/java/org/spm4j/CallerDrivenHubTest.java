package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread waiting for a task runs the hub's duty cycle itself: callbacks then run on such threads too, but
 * still one at a time, and a callback that waits for a task is refused rather than left waiting for ever.
 */
class CallerDrivenHubTest
{
    private static final int THREADS = 4;
    private static final int TASKS_PER_THREAD = 500;

    @TempDir
    private Path root;

    @Test
    @Timeout(60)
    void shouldRunCallbacksOneAtATimeOnWhicheverThreadRunsTheHub() throws Exception
    {
        final AtomicInteger inCallback = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final Set<String> callbackThreads = ConcurrentHashMap.newKeySet();
        try (Pool pool = PoolKind.LOCAL.start(root))
        {
            final Closure<Integer, Integer> twice = pool.define("twice", (Integer x) -> 2 * x);
            try (TaskFarm farm = pool.taskFarm().onStatus(status ->
            {
                mostAtOnce.accumulateAndGet(inCallback.incrementAndGet(), Math::max);
                callbackThreads.add(Thread.currentThread().getName());
                inCallback.decrementAndGet();
            }).start())
            {
                final List<CompletableFuture<Void>> callers = new ArrayList<>();
                for (int thread = 0; thread < THREADS; thread++)
                {
                    final int first = thread * TASKS_PER_THREAD;
                    callers.add(CompletableFuture.runAsync(() ->
                    {
                        for (int x = first; x < first + TASKS_PER_THREAD; x++)
                        {
                            assertEquals(2 * x, farm.submit(twice, x).join());
                        }
                    }));
                }
                CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            }
        }
        assertEquals(1, mostAtOnce.get(), "callbacks never overlap");
        assertTrue(callbackThreads.stream().anyMatch(name -> !name.equals("spm4j-hub")),
            "a waiting caller ran the hub: " + callbackThreads);
    }

    @Test
    @Timeout(60)
    void shouldRefuseACallbackThatWaitsForATask()
    {
        try (Pool pool = PoolKind.LOCAL.start(root))
        {
            final Closure<Integer, Integer> twice = pool.define("twice", (Integer x) -> 2 * x);
            final AtomicReference<TaskFarm> online = new AtomicReference<>();
            final ParallelException ex = assertThrows(ParallelException.class, () ->
            {
                try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.collect()).onStatus(status ->
                {
                    if (TaskStatus.State.COMPLETED == status.state())
                    {
                        online.get().submit(twice, 2).join();
                    }
                }).start())
                {
                    online.set(farm);
                    farm.map(twice, List.of(3, 4));
                }
            });
            assertTrue(ex.failures().stream().anyMatch(failure -> FailureKind.HUB_CALLBACK_FAILED == failure.kind() &&
                failure.remoteMessage().contains("waited for a task")), ex.failures().toString());
        }
    }
}

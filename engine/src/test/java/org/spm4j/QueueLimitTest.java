package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A manager's queue limit: submit waits for room, bounded, instead of piling tasks up in the hub.
 */
class QueueLimitTest
{
    @TempDir
    private Path root;

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    @Timeout(60)
    void shouldMapMoreTasksThanTheQueueHoldsWithEveryResultInOrder(final PoolKind kind)
    {
        try (Pool pool = kind.start(root))
        {
            final Closure<Integer, Integer> negate = pool.define("negate", (Integer x) -> -x);
            try (TaskFarm farm = pool.taskFarm().queueLimit(3).window(4).start())
            {
                assertEquals(Scenarios.range(500).stream().map(x -> -x).toList(),
                    farm.map(negate, Scenarios.range(500)));
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldMakeSubmitWaitForRoomAndRefuseOnceTheWaitIsOver() throws Exception
    {
        final Path gate = root.resolve("open");
        try (Pool pool = Pool.builder().spokes(1).root(root.resolve("pools")).build())
        {
            final Closure<Integer, Integer> gated = defineGated(pool, gate);
            try (TaskFarm farm = pool.taskFarm().queueLimit(2).queueWait(Duration.ofMillis(200)).start())
            {
                final CompletableFuture<Integer> first = farm.submit(gated, 1);
                final CompletableFuture<Integer> second = farm.submit(gated, 2);

                final RejectedExecutionException refused =
                    assertThrows(RejectedExecutionException.class, () -> farm.submit(gated, 3));
                assertTrue(refused.getMessage().matches("task farm run \\d+ has had 2 tasks submitted and not " +
                    "finished for PT0\\.2S; no room for task \\d+\\. Raise the builder's queueLimit or queueWait, or " +
                    "submit more slowly"), refused.getMessage());
                assertFalse(first.isDone());

                open(gate);
                assertEquals(List.of(2, 3), List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS)));
                assertEquals(4, farm.submit(gated, 3).get(30, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldLetAWaitingSubmitThroughWhenATaskFinishes() throws Exception
    {
        final Path gate = root.resolve("open");
        try (Pool pool = Pool.builder().spokes(1).root(root.resolve("pools")).build())
        {
            final Closure<Integer, Integer> gated = defineGated(pool, gate);
            try (TaskFarm farm = pool.taskFarm().queueLimit(1).start())
            {
                final CompletableFuture<Integer> first = farm.submit(gated, 1);
                final CompletableFuture<CompletableFuture<Integer>> second =
                    CompletableFuture.supplyAsync(() -> farm.submit(gated, 2));
                awaitWaitingSubmitter();

                assertFalse(second.isDone(), "the second submit waits while the first task runs");
                open(gate);
                assertEquals(2, first.get(30, TimeUnit.SECONDS));
                assertEquals(3, second.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS));
            }
        }
    }

    private static void awaitWaitingSubmitter()
    {
        await(() ->
        {
            for (final var entry : Thread.getAllStackTraces().entrySet())
            {
                for (final StackTraceElement frame : entry.getValue())
                {
                    if (frame.getClassName().endsWith("TaskQueueRoom") && "take".equals(frame.getMethodName()) &&
                        Thread.State.TIMED_WAITING == entry.getKey().getState())
                    {
                        return true;
                    }
                }
            }
            return false;
        });
    }

    /**
     * @return a closure whose tasks wait until the gate file exists, then add one.
     */
    private static Closure<Integer, Integer> defineGated(final Pool pool, final Path gate)
    {
        final String gatePath = gate.toString();
        return pool.define("gated", (Integer x) ->
        {
            while (Files.notExists(Path.of(gatePath)))
            {
                Thread.sleep(5);
            }
            return x + 1;
        });
    }

    private static void open(final Path gate) throws IOException
    {
        Files.createFile(gate);
    }

    private static void await(final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadlineNs, "timed out waiting for a submit to wait for room");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}

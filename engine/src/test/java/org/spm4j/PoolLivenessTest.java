package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.spm4j.internal.local.LocalPool;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.PoolFileDescriptor;

/**
 * Nothing waits for ever: every outstanding task ends, and the pool leaves nothing behind, when the hub
 * thread dies of an error or the pool is closed under a running manager.
 */
class PoolLivenessTest
{
    @TempDir
    private Path root;

    @Test
    @Timeout(60)
    void shouldFailEveryTaskAndEveryLaterCallWhenTheHubThreadDiesOfAnError() throws Exception
    {
        try (Pool pool = Pool.builder().spokes(2).codec(HubFailingCodec.class).root(root).build())
        {
            final Closure<String, String> echo = pool.define("echo", (String text) ->
                "fatal".equals(text) ? HubFailingCodec.FATAL_RESULT : text);
            final List<Long> spokePids = spokePids((LocalPool)pool);
            final Path directory = ((LocalPool)pool).directory();
            try (TaskFarm farm = pool.taskFarm().start())
            {
                final CompletableFuture<String> survivor = farm.submit(echo, "before");
                assertEquals("before", survivor.get(30, TimeUnit.SECONDS));

                final List<String> arguments = new ArrayList<>(List.of("a", "fatal"));
                for (int i = 0; i < 200; i++)
                {
                    arguments.add("x" + i);
                }
                final PoolFailedException failed = assertThrows(PoolFailedException.class,
                    () -> farm.map(echo, arguments));
                assertInstanceOf(OutOfMemoryError.class, failed.getCause());

                final PoolFailedException later = assertThrows(PoolFailedException.class,
                    () -> farm.submit(echo, "after"));
                assertInstanceOf(OutOfMemoryError.class, later.getCause());
                assertFalse(Files.exists(directory), "the failed pool's directory " + directory + " remains");
                for (final long pid : spokePids)
                {
                    assertTrue(awaitDeath(pid), "spoke pid " + pid + " outlived its failed hub");
                }
            }
            catch (final PoolFailedException closingFarm)
            {
                assertInstanceOf(OutOfMemoryError.class, closingFarm.getCause());
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldEndAMapInAnotherThreadAndEveryFutureWhenThePoolIsClosed() throws Exception
    {
        final Pool pool = Pool.builder().spokes(2).root(root).build();
        final List<Long> spokePids = spokePids((LocalPool)pool);
        final Closure<Integer, Integer> slow = pool.define("slow", (Integer x) ->
        {
            Thread.sleep(100);
            return x;
        });
        final CountDownLatch running = new CountDownLatch(1);
        final TaskFarm farm = pool.taskFarm().onStatus(status -> running.countDown()).start();
        final CompletableFuture<Integer> submitted = farm.submit(slow, -1);
        final CompletableFuture<List<Integer>> mapped = CompletableFuture.supplyAsync(() ->
            farm.map(slow, Scenarios.range(1_000)));
        assertTrue(running.await(30, TimeUnit.SECONDS), "no task ended");

        pool.close();

        final ExecutionException mapFailure = assertThrows(ExecutionException.class,
            () -> mapped.get(30, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, mapFailure.getCause(), mapFailure.toString());
        assertTrue(submitted.isDone());
        assertThrows(IllegalStateException.class, farm::close);
        for (final long pid : spokePids)
        {
            assertTrue(awaitDeath(pid), "spoke pid " + pid + " outlived its closed pool");
        }
    }

    @Test
    @Timeout(60)
    void shouldFailThePoolWhenItsHubInboxIsCorruptInsteadOfWaitingForStatuses() throws Exception
    {
        try (Pool pool = Pool.builder().spokes(2).root(root).build())
        {
            final Closure<Integer, Integer> identity = pool.define("identity", (Integer x) -> x);
            try (PoolFile poolFile = PoolFile.openWithoutLivenessCheck(((LocalPool)pool).directory().resolve(
                PoolFileDescriptor.POOL_FILE_NAME)))
            {
                final AtomicBuffer hubInbox = poolFile.hubInboxBuffer();
                final int capacity = hubInbox.capacity() - RingBufferDescriptor.TRAILER_LENGTH;
                hubInbox.putLongVolatile(capacity + RingBufferDescriptor.TAIL_POSITION_OFFSET, 1L << 40);
            }
            try (TaskFarm farm = pool.taskFarm().start())
            {
                final PoolFailedException failed = assertThrows(PoolFailedException.class,
                    () -> farm.map(identity, Scenarios.range(100)));
                assertTrue(failed.getMessage().contains("the hub inbox is corrupt"), failed.getMessage());
            }
            catch (final PoolFailedException closingFarm)
            {
                assertTrue(closingFarm.getMessage().contains("corrupt"), closingFarm.getMessage());
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseACloseFromACallbackOnTheHubThread() throws Exception
    {
        final Pool pool = Pool.builder().spokes(1).root(root).build();
        try
        {
            final Closure<Integer, Integer> identity = pool.define("identity", (Integer x) -> x);
            final AtomicReference<RuntimeException> refusal = new AtomicReference<>();
            try (TaskFarm farm = pool.taskFarm().onStatus(status ->
            {
                try
                {
                    pool.close();
                }
                catch (final RuntimeException ex)
                {
                    refusal.compareAndSet(null, ex);
                }
            }).start())
            {
                assertEquals(List.of(0, 1, 2), farm.map(identity, Scenarios.range(3)));
            }
            assertInstanceOf(ParallelInvariantException.class, refusal.get());
            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertEquals(List.of(0, 1), farm.map(identity, Scenarios.range(2)));
            }
        }
        finally
        {
            pool.close();
        }
    }

    private static List<Long> spokePids(final LocalPool pool)
    {
        final List<Long> pids = new ArrayList<>();
        for (int spokeId = 0; spokeId < pool.spokeCount(); spokeId++)
        {
            pids.add(pool.spokePid(spokeId));
        }
        return pids;
    }

    private static boolean awaitDeath(final long pid) throws Exception
    {
        final CompletableFuture<ProcessHandle> exit = ProcessHandle.of(pid)
            .map(ProcessHandle::onExit)
            .orElse(CompletableFuture.completedFuture(null));
        exit.get(30, TimeUnit.SECONDS);
        return ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true);
    }
}

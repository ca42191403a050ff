package org.spm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.Closure;
import org.spm4j.ErrorPolicy;
import org.spm4j.ParallelException;
import org.spm4j.Pool;
import org.spm4j.PoolBuilder;
import org.spm4j.TaskFarm;
import org.spm4j.internal.local.LocalPool;
import org.spm4j.internal.spoke.SpokeCommand;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.PoolFileDescriptor;
import org.spm4j.shm.ProtocolException;

class SpmSpokesTest
{
    @TempDir
    private Path root;

    @Test
    @Timeout(90)
    void shouldServeAPoolFromSpokesStartedOutsideItsHubAndStartAKilledOneAgain() throws Exception
    {
        final Path pools = root.resolve("pools");
        final PoolBuilder builder = Pool.builder().name("sim").externalSpokes().spokes(2).root(pools)
            .startTimeout(Duration.ofSeconds(60));
        final CompletableFuture<Pool> starting = CompletableFuture.supplyAsync(builder::build);
        await(() -> Files.exists(pools.resolve("sim").resolve(SpokeCommand.FILE_NAME)), "the hub creates pool sim");
        final CompletableFuture<SpmRun> spokes = CompletableFuture.supplyAsync(() ->
            SpmRun.of("spokes", "--pool", "sim", "-n", "2", "--root", pools.toString()));

        try (Pool pool = starting.get(60, TimeUnit.SECONDS))
        {
            final LocalPool local = (LocalPool)pool;
            final long killed = local.spokePid(0);
            assertTrue(ProcessHandle.of(killed).map(ProcessHandle::destroyForcibly).orElse(false), "kill " + killed);
            await(() -> 0 != local.spokePid(0) && killed != local.spokePid(0), "spoke 0 attaches again");

            final Closure<Integer, Integer> square = pool.define("square", (Integer x) -> x * x);
            try (TaskFarm farm = pool.taskFarm().start())
            {
                final List<Integer> numbers = IntStream.range(0, 40).boxed().toList();
                assertEquals(numbers.stream().map(x -> x * x).toList(), farm.map(square, numbers));
            }
        }

        final SpmRun run = spokes.get(30, TimeUnit.SECONDS);
        assertEquals(Spm.OK, run.exitCode(), run.toString());
        assertTrue(run.err().contains("external spoke 1 stopped: its pool closed"), run.toString());
        assertTrue(run.err().contains("spm spokes: pool sim had 2 external spokes; 1 started again after they died, " +
            "0 given up on"), run.toString());
        assertFalse(Files.exists(pools.resolve("sim")), "the pool directory is gone");
    }

    @Test
    @Timeout(60)
    void shouldSayHowToStartTheSpokesThatNeverAttached()
    {
        final Path pools = root.resolve("pools");
        final PoolBuilder builder = Pool.builder().name("lonely").externalSpokes().spokes(2).root(pools)
            .startTimeout(Duration.ofMillis(500));

        final IllegalStateException ex = assertThrows(IllegalStateException.class, builder::build);

        assertEquals("0 of 2 spokes of pool lonely were READY after PT0.5S; start them with: spm spokes --pool " +
            "lonely -n 2 --root " + pools, ex.getMessage());
        assertFalse(Files.exists(pools.resolve("lonely")), "a pool that failed to start leaves nothing behind");
    }

    /**
     * Spokes refuse a pool whose hub heartbeat is older than {@link PoolFile#HUB_HEARTBEAT_TIMEOUT_MS}; a pool's
     * start may last longer (32 spokes on a loaded node, spokes started by hand), so the hub heartbeats meanwhile.
     */
    @Test
    @Timeout(60)
    void shouldHeartbeatWhileItWaitsForItsSpokesSoThatLateOnesCanAttach() throws Exception
    {
        final Path pools = root.resolve("pools");
        final PoolBuilder builder = Pool.builder().name("late").externalSpokes().spokes(1).root(pools)
            .startTimeout(Duration.ofSeconds(5));
        final CompletableFuture<Pool> starting = CompletableFuture.supplyAsync(builder::build);
        final Path poolFile = pools.resolve("late").resolve(PoolFileDescriptor.POOL_FILE_NAME);
        final long[] first = new long[1];

        await(() -> 0 != (first[0] = heartbeatOf(poolFile)), "the hub publishes pool late");
        await(() -> heartbeatOf(poolFile) > first[0], "the hub heartbeats while it waits for its spokes");

        final Throwable neverStarted = assertThrows(ExecutionException.class,
            () -> starting.get(30, TimeUnit.SECONDS)).getCause();
        assertTrue(neverStarted.getMessage().startsWith("0 of 1 spokes of pool late were READY"),
            neverStarted.getMessage());
    }

    /**
     * @return the hub heartbeat a pool file holds, 0 while there is no published pool file.
     */
    private static long heartbeatOf(final Path poolFile)
    {
        try (PoolFile opened = PoolFile.openWithoutLivenessCheck(poolFile))
        {
            return opened.hubHeartbeatVolatile();
        }
        catch (final ProtocolException notYet)
        {
            return 0;
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseToAttachToAPoolThatLaunchesItsOwnSpokes()
    {
        final Path pools = root.resolve("pools");
        try (Pool pool = Pool.builder().name("own").spokes(1).root(pools).build())
        {
            final SpmRun run = SpmRun.of("spokes", "--pool", pool.id(), "--root", pools.toString());

            assertEquals(Spm.BAD_INPUT, run.exitCode(), run.toString());
            assertEquals(List.of("spm spokes: cannot attach spokes to pool own: pool own has 0 empty spoke slots of " +
                "1: its hub launches its own spokes, or others are attached already"), run.errLines());
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseASecondLivePoolOfTheSameName()
    {
        final Path pools = root.resolve("pools");
        try (Pool pool = Pool.builder().name("twin").spokes(1).root(pools).build())
        {
            final PoolBuilder twin = Pool.builder().name("twin").spokes(1).root(pools);

            final UncheckedIOException ex = assertThrows(UncheckedIOException.class, twin::build);

            assertEquals("pool 'twin' already exists at " + pools.resolve("twin"), ex.getMessage());
            assertEquals(pool.id(), "twin");
        }
    }

    @Test
    @Timeout(60)
    void shouldFindThePersistentJournalOfALivePoolByItsName()
    {
        final Path pools = root.resolve("pools");
        try (Pool pool = Pool.builder().name("kept").spokes(1).root(pools).persistentJournal(root.resolve("journal"))
            .build())
        {
            final Closure<Integer, Integer> refuse = pool.define("refuse", (Integer x) ->
            {
                throw new IllegalStateException("no " + x);
            });
            try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.collect()).start())
            {
                farm.submit(refuse, 7);
            }
            catch (final ParallelException expected)
            {
                assertEquals(1, expected.failures().size());
            }

            final SpmRun run = SpmRun.of("errors", "kept", "--root", pools.toString());

            assertEquals(Spm.OK, run.exitCode(), run.toString());
            assertTrue(run.out().contains("java.lang.IllegalStateException: no 7"), run.toString());
        }
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadlineNs, "timed out waiting until " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}

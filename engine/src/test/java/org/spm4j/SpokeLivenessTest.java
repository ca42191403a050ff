package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.internal.local.LocalPool;
import org.spm4j.shm.journal.ErrorJournalScanner;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.journal.ErrorRecord;

/**
 * A spoke is live only while its process lives and its heartbeat is fresh: a frozen spoke is killed and its
 * task goes through the policy; a spoke killed while it starts is started again; a spoke that cannot start by
 * itself is given up on and the tasks that need it fail instead of waiting; every loss is journaled with how
 * the spoke ended.
 */
class SpokeLivenessTest
{
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    private Path root;

    @Test
    @Timeout(60)
    void shouldKillAFrozenBusySpokeAndRetryItsTask() throws Exception
    {
        final String markers = Files.createDirectory(root.resolve("markers")).toString();
        final List<FailureKind> kinds = new CopyOnWriteArrayList<>();
        try (Pool pool = Pool.builder().spokes(2).spokeHeartbeatTimeout(HEARTBEAT_TIMEOUT).root(root.resolve("p"))
            .build())
        {
            final Closure<Integer, Integer> freezes = pool.define("freezes", (Integer x) ->
                BlockedTasks.blockFirstTime(markers, x));
            final ErrorPolicy retry = ErrorPolicy.retry(1, ErrorPolicy.failFast());
            try (TaskFarm farm = pool.taskFarm().errorPolicy(failure ->
            {
                kinds.add(failure.kind());
                return retry.decide(failure);
            }).start())
            {
                final CompletableFuture<List<Integer>> results =
                    CompletableFuture.supplyAsync(() -> farm.map(freezes, Scenarios.range(6)));
                final long frozen = BlockedTasks.awaitBlockedSpoke(markers);
                signal("STOP", frozen);
                try
                {
                    assertEquals(Scenarios.range(6), results.get(30, TimeUnit.SECONDS));
                }
                finally
                {
                    signal("KILL", frozen);
                }
            }
            assertEquals(List.of(FailureKind.SPOKE_UNRESPONSIVE), kinds);
        }
    }

    @Test
    @Timeout(60)
    void shouldStopSendingToAFrozenIdleSpokeAndRunEveryTaskOnTheOthers() throws Exception
    {
        try (Pool pool = Pool.builder().spokes(2).spokeHeartbeatTimeout(HEARTBEAT_TIMEOUT).root(root).build())
        {
            final Closure<Integer, Integer> identity = pool.define("identity", (Integer x) -> x);
            final long frozen = ((LocalPool)pool).spokePid(0);
            signal("STOP", frozen);
            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertEquals(Scenarios.range(200), farm.map(identity, Scenarios.range(200)));
            }
            finally
            {
                signal("KILL", frozen);
            }
            assertTrue(awaitRecord(pool, "missed its heartbeat").message().contains("frozen or stopped"));
        }
    }

    @Test
    @Timeout(60)
    void shouldFailTasksWithNoSpokesOnceNoSpokeCanStartInsteadOfWaiting() throws Exception
    {
        final Path options = Files.writeString(root.resolve("spoke-options"), "-Dspm4j.test.argfile=present");
        try (Pool pool = Pool.builder().spokes(1).spokeJvmOption("@" + options).root(root.resolve("p"))
            .build())
        {
            final Closure<Integer, Integer> identity = pool.define("identity", (Integer x) -> x);
            Files.delete(options);
            final long pid = ((LocalPool)pool).spokePid(0);
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.collect()).start())
            {
                final ParallelException failed = assertThrows(ParallelException.class,
                    () -> farm.map(identity, Scenarios.range(3)));
                assertEquals(3, failed.failures().size(), failed.failures().toString());
                for (final TaskFailure failure : failed.failures())
                {
                    assertEquals(FailureKind.NO_SPOKES, failure.kind());
                    assertTrue(failure.remoteMessage().contains("is not started again"), failure.remoteMessage());
                }
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldStartAgainASpokeKilledWhileItStarts() throws Exception
    {
        try (Pool pool = Pool.builder().spokes(1).root(root).build())
        {
            final Closure<Integer, Integer> identity = pool.define("identity", (Integer x) -> x);
            long pid = ((LocalPool)pool).spokePid(0);
            for (int kill = 0; kill < 2 * 3; kill++)
            {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                pid = awaitNewSpoke((LocalPool)pool, pid);
            }
            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertEquals(Scenarios.range(5), farm.map(identity, Scenarios.range(5)));
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldJournalTheLossOfAnIdleSpokeAndHowEverySpokeEnded() throws Exception
    {
        try (Pool pool = Pool.builder().spokes(1).root(root).build())
        {
            final Closure<Integer, Integer> exits = pool.define("exits", (Integer x) ->
            {
                System.exit(x);
                return x;
            });
            final long idle = ((LocalPool)pool).spokePid(0);
            ProcessHandle.of(idle).ifPresent(ProcessHandle::destroyForcibly);
            final ErrorRecord idleLoss = awaitRecord(pool, "while it ran no task");
            assertEquals(ErrorKind.SPOKE_CRASHED, idleLoss.kind());
            assertTrue(idleLoss.message().contains("was killed by signal 9 (SIGKILL)"), idleLoss.message());

            try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.collect()).start())
            {
                final ParallelException failed = assertThrows(ParallelException.class,
                    () -> farm.map(exits, List.of(7)));
                assertTrue(failed.failures().get(0).remoteMessage().contains("exited with status 7"),
                    failed.failures().get(0).remoteMessage());
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldDeliverCancelsToASpokeWhoseInboxIsFull() throws Exception
    {
        final Path markers = Files.createDirectory(root.resolve("markers"));
        final String running = markers.resolve("running").toString();
        final String release = markers.resolve("release").toString();
        final AtomicInteger completed = new AtomicInteger();
        try (Pool pool = Pool.builder().spokes(1).inboxCapacity(4096).root(root.resolve("p")).build())
        {
            final Closure<Integer, Integer> firstWaits = pool.define("first-waits", (Integer x) ->
            {
                if (0 == x)
                {
                    Files.writeString(Path.of(running), "running");
                    final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (!Files.exists(Path.of(release)) && System.nanoTime() < deadlineNs)
                    {
                        Thread.sleep(5);
                    }
                }
                else
                {
                    Thread.sleep(20);
                }
                return x;
            });
            try (TaskFarm farm = pool.taskFarm().window(10_000).onStatus(status ->
                completed.addAndGet(TaskStatus.State.COMPLETED == status.state() ? 1 : 0)).start())
            {
                final List<CompletableFuture<Integer>> futures = new java.util.ArrayList<>();
                for (int x = 0; x < 2_000; x++)
                {
                    futures.add(farm.submit(firstWaits, x));
                }
                while (!Files.exists(Path.of(running)))
                {
                    Thread.sleep(5);
                }

                farm.cancelAll();
                final long inFlight = futures.stream().filter(future -> !future.isDone()).count();
                Files.writeString(Path.of(release), "go");

                for (final CompletableFuture<Integer> future : futures)
                {
                    future.handle((result, failure) -> result).get(30, TimeUnit.SECONDS);
                }
                assertTrue(inFlight > 20, "the spoke's inbox held only " + inFlight + " tasks");
                assertTrue(completed.get() < 10,
                    completed.get() + " of the " + inFlight + " tasks the spoke held ran after cancelAll");
            }
        }
    }

    private static long awaitNewSpoke(final LocalPool pool, final long oldPid)
    {
        long pid;
        while (0 == (pid = pool.spokePid(0)) || oldPid == pid)
        {
            Thread.onSpinWait();
        }
        return pid;
    }

    private static ErrorRecord awaitRecord(final Pool pool, final String messagePart) throws InterruptedException
    {
        while (true)
        {
            try (ErrorJournalScanner scanner = ErrorJournalScanner.open(pool.journalDirectory()))
            {
                final ErrorRecord[] found = new ErrorRecord[1];
                while (scanner.read((record, index) ->
                {
                    if (null != record.message() && record.message().contains(messagePart))
                    {
                        found[0] = record;
                    }
                }, ex -> fail(ex), 1000) > 0)
                {
                    Thread.onSpinWait();
                }
                if (null != found[0])
                {
                    return found[0];
                }
            }
            Thread.sleep(50);
        }
    }

    private static void signal(final String signal, final long pid) throws IOException, InterruptedException
    {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
    }
}

package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.internal.local.LocalPool;
import org.spm4j.shm.HubIdentity;
import org.spm4j.internal.spoke.SpokeMain;
import org.spm4j.shm.JvmFlags;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.test.ChildJvm;

/**
 * Faults only real processes have: spokes killed, deadlines, a dead hub, a corrupt pool file.
 */
class LocalPoolFaultTest
{
    @TempDir
    private Path root;

    @Test
    @Timeout(60)
    void shouldRetryATaskWhoseSpokeWasKilledAndGiveTheRightResult() throws Exception
    {
        final String markers = Files.createDirectory(root.resolve("markers")).toString();
        try (Pool pool = Pool.builder().spokes(2).root(root.resolve("pools")).build())
        {
            final Closure<Integer, Integer> slowOnce = pool.define("slow-once", (Integer x) ->
                BlockedTasks.blockFirstTime(markers, x));
            final List<TaskStatus> statuses = new ArrayList<>();
            try (TaskFarm farm = pool.taskFarm()
                .errorPolicy(ErrorPolicy.retry(1, ErrorPolicy.failFast()))
                .onStatus(statuses::add)
                .start())
            {
                final CompletableFuture<List<Integer>> results =
                    CompletableFuture.supplyAsync(() -> farm.map(slowOnce, Scenarios.range(6)));
                final long victim = BlockedTasks.awaitBlockedSpoke(markers);
                ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);

                assertEquals(List.of(0, 1, 2, 3, 4, 5), results.get(30, TimeUnit.SECONDS));
            }
            assertTrue(statuses.stream().anyMatch(status -> TaskStatus.State.RETRYING == status.state() &&
                4 == status.taskId()), statuses.toString());
            assertFalse(ProcessHandle.of(victim(markers)).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    @Test
    @Timeout(60)
    void shouldKillATaskPastItsDeadlineAndGoOn()
    {
        try (Pool pool = Pool.builder().spokes(2).root(root).build())
        {
            final Closure<Integer, Integer> sleepy = pool.define("sleepy", (Integer x) ->
            {
                if (1 == x)
                {
                    Thread.sleep(60_000);
                }
                return x;
            });
            final ParallelException ex = assertThrows(ParallelException.class, () ->
            {
                try (TaskFarm farm = pool.taskFarm()
                    .deadline(Duration.ofSeconds(1))
                    .errorPolicy(ErrorPolicy.collect())
                    .start())
                {
                    farm.map(sleepy, Scenarios.range(4));
                }
            });
            assertEquals(1, ex.failures().size(), ex.failures().toString());
            final TaskFailure failure = ex.failures().get(0);
            assertEquals(FailureKind.DEADLINE_EXCEEDED, failure.kind());
            assertEquals(2, failure.taskId());
            assertEquals("java.util.concurrent.TimeoutException", failure.remoteClass());

            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertEquals(List.of(0, 2, 3), farm.map(sleepy, List.of(0, 2, 3)));
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldCountADeadlineFromTheStartOfTheTaskNotItsWaitInTheQueue()
    {
        try (Pool pool = Pool.builder().spokes(1).root(root).build())
        {
            final Closure<Integer, Integer> steady = pool.define("steady", (Integer x) ->
            {
                Thread.sleep(600);
                return x;
            });
            try (TaskFarm farm = pool.taskFarm().window(4).deadline(Duration.ofMillis(1_500)).start())
            {
                assertEquals(List.of(0, 1, 2), farm.map(steady, Scenarios.range(3)),
                    "three 600 ms tasks queued together on one spoke, none past 1.5 s of its own running time");
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldTreatSystemExitInATaskAsASpokeCrash()
    {
        try (Pool pool = Pool.builder().spokes(2).root(root).build())
        {
            final Closure<Integer, Integer> exits = pool.define("exits", (Integer x) ->
            {
                if (1 == x)
                {
                    System.exit(7);
                }
                return x;
            });
            final ParallelException ex = assertThrows(ParallelException.class, () ->
            {
                try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.collect()).start())
                {
                    farm.map(exits, Scenarios.range(4));
                }
            });
            assertEquals(1, ex.failures().size(), ex.failures().toString());
            assertEquals(FailureKind.SPOKE_CRASHED, ex.failures().get(0).kind());
            assertEquals(2, ex.failures().get(0).taskId());

            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertEquals(List.of(0, 2, 3), farm.map(exits, List.of(0, 2, 3)), "the spoke was relaunched");
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldCancelOutstandingTasksAndReturnOnlyWhenNothingRuns() throws Exception
    {
        final String markers = Files.createDirectory(root.resolve("markers")).toString();
        try (Pool pool = Pool.builder().spokes(1).root(root.resolve("pools")).build())
        {
            final Closure<Integer, Integer> slow = pool.define("slow", (Integer x) ->
            {
                Files.writeString(Path.of(markers, "started-" + x), "");
                Thread.sleep(500);
                return x;
            });
            final List<CompletableFuture<Integer>> futures = new ArrayList<>();
            try (TaskFarm farm = pool.taskFarm().window(2).start())
            {
                for (int i = 0; i < 5; i++)
                {
                    futures.add(farm.submit(slow, i));
                }
                while (!Files.exists(Path.of(markers, "started-0")))
                {
                    Thread.onSpinWait();
                }
                farm.cancelAll();
            }
            assertEquals(0, futures.get(0).get(), "the running task finishes");
            for (int i = 1; i < 5; i++)
            {
                assertTrue(futures.get(i).isCancelled(), "task " + i + " cancelled");
                assertFalse(Files.exists(Path.of(markers, "started-" + i)), "task " + i + " never ran");
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldReportAnExceptionWhoseClassOnlyTheSpokeHas() throws Exception
    {
        final Path classes = SpokeOnlyClasses.compileException(root.resolve("spoke-only"));
        try (Pool pool = Pool.builder().spokes(1).root(root.resolve("pools")).build())
        {
            final String directory = classes.toString();
            final Closure<Integer, Integer> throwsUnknown = pool.define("throws-unknown", (Integer x) ->
            {
                throw SpokeOnlyClasses.newException(directory, "only the spoke knows " + x);
            });
            final ParallelException ex = assertThrows(ParallelException.class, () ->
            {
                try (TaskFarm farm = pool.taskFarm().start())
                {
                    farm.map(throwsUnknown, List.of(42));
                }
            });
            final TaskFailure failure = ex.failures().get(0);
            assertEquals(SpokeOnlyClasses.EXCEPTION_CLASS, failure.remoteClass());
            assertEquals("only the spoke knows 42", failure.remoteMessage());
            assertTrue(failure.remoteStackTrace().contains("at org.spm4j.LocalPoolFaultTest.lambda$"),
                failure.remoteStackTrace());
            assertTrue(failure.exception() instanceof RemoteTaskException, String.valueOf(failure.exception()));
            assertEquals(SpokeOnlyClasses.EXCEPTION_CLASS + ": only the spoke knows 42",
                failure.exception().getMessage());
            assertTrue(failure.exception().getStackTrace().length > 0);
        }
    }

    @Test
    @Timeout(60)
    void shouldTakeSpokesDownWithTheirHubAndCleanUpAtTheNextStart() throws Exception
    {
        final Path pools = root.resolve("pools");
        final Path poolDirectory;
        final List<Long> spokes = new ArrayList<>();
        try (ChildJvm hub = ChildJvm.start(HubProgram.class, pools.toString()))
        {
            poolDirectory = Path.of(hub.awaitLine("POOL ", Duration.ofSeconds(40)).substring("POOL ".length()));
            final String pids = hub.awaitLine("SPOKES ", Duration.ofSeconds(10));
            for (final String pid : pids.substring("SPOKES [".length(), pids.length() - 1).split(", "))
            {
                spokes.add(Long.parseLong(pid));
            }
            hub.kill();
        }

        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (final long spoke : spokes)
        {
            while (new HubIdentity(spoke, HubIdentity.UNKNOWN_START_TIME).isAlive())
            {
                assertTrue(System.nanoTime() < deadlineNs, "spoke " + spoke + " outlived its hub by 2 s");
                Thread.onSpinWait();
            }
        }
        assertTrue(Files.exists(poolDirectory), "a SIGKILLed hub cannot clean up after itself");

        try (Pool next = Pool.builder().spokes(1).root(pools).build())
        {
            assertFalse(Files.exists(poolDirectory), "the next pool start removes the dead hub's directory");
            assertTrue(Files.exists(((LocalPool)next).directory()));
        }
    }

    @Test
    @Timeout(60)
    void shouldNameTheSpokeThatFailedToStartWithItsStderr()
    {
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> Pool.builder().spokes(2).root(root).spokeJvmOption("-XX:+NoSuchOptionAnywhere").build());

        assertTrue(ex.getMessage().matches("(?s)spoke [01] of pool p\\d+-\\d+ died before it was READY: it exited " +
            "with status 1; its stderr ends with:.*Unrecognized VM option 'NoSuchOptionAnywhere'.*"), ex.getMessage());
        try (Stream<Path> left = Files.list(root))
        {
            assertEquals(List.of(), left.toList(), "a pool that failed to start leaves nothing behind");
        }
        catch (final IOException io)
        {
            throw new UncheckedIOException(io);
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseACorruptPoolFileWithAClearMessage() throws Exception
    {
        final Path corrupt = PoolDirectory.create(root, "pool").poolFile();
        Files.write(corrupt, new byte[4096]);
        Files.setPosixFilePermissions(corrupt, PosixFilePermissions.fromString("rw-------"));
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JvmFlags.required());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SpokeMain.class.getName(),
            corrupt.toString(), "0", "BACKOFF", root.resolve("journal").toString(), "65536", "default"));
        final Process spoke = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(spoke.waitFor(30, TimeUnit.SECONDS));
        final String output = new String(spoke.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(2, spoke.exitValue(), output);
        assertEquals("spoke 0 cannot attach: pool file " + corrupt + " is not an spm4j pool file: magic 0x0 " +
            "instead of 0x4c4f504a344d5053", output.strip());
    }

    private static long victim(final String markers) throws IOException
    {
        return Long.parseLong(Files.readString(Path.of(markers, "blocked-3")).strip());
    }
}

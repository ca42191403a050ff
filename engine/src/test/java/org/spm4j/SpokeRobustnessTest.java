package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spm4j.internal.local.LocalPool;

/**
 * A spoke survives what its tasks throw at it, bounds every wait of a task, and leaves nothing behind: crew ranks
 * that all wait for each other, a receive that outlives its task's deadline, an error that ends the duty cycle, a
 * JVM crash. An exception whose methods throw, a rank waiting for one that never sends and an ask that outlives
 * its deadline are rows of {@link FaultMatrixTest}.
 */
class SpokeRobustnessTest
{
    private static final long RUN_BOUND_S = 30;

    @TempDir
    private Path root;

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(60)
    void shouldFailACrewWhoseRanksWaitForEachOther(final PoolKind kind) throws Exception
    {
        try (Pool pool = kind.start(root))
        {
            final Closure<Integer, Integer> stuck = pool.define("stuck", (Integer x) ->
                Crew.<Integer>receive(1 - Crew.rank()));

            final TaskFailure failure = crewFailure(pool, stuck);

            assertEquals(FailureKind.CREW_FAILED, failure.kind());
            assertTrue(failure.remoteMessage().matches("rank [01] of crew run 1 failed, so the crew stopped: " +
                "TASK_FAILED java.lang.IllegalStateException: crew deadlock: rank [01] waits for rank [01] and every " +
                "other unfinished rank waits too"), failure.remoteMessage());
            assertCrewRunsAgain(pool);
        }
    }

    @Test
    @Timeout(60)
    void shouldEndAReceiveBeforeTheTaskDeadlineAndSayWhy() throws Exception
    {
        final String markers = Files.createDirectory(root.resolve("markers")).toString();
        try (Pool pool = Pool.builder().spokes(2).root(root.resolve("pools")).build())
        {
            final Closure<Integer, Integer> late = pool.define("late", (Integer x) ->
            {
                if (0 == Crew.rank())
                {
                    awaitFile(Path.of(markers, "rank-1-gave-up"));
                    return x;
                }
                try
                {
                    return Crew.<Integer>receive(0);
                }
                catch (final IllegalStateException ex)
                {
                    Files.createFile(Path.of(markers, "rank-1-gave-up"));
                    throw ex;
                }
            });
            final CompletableFuture<List<Integer>> run = CompletableFuture.supplyAsync(() ->
            {
                try (Crew crew = pool.crew().size(2).deadline(Duration.ofSeconds(6)).start())
                {
                    return crew.run(late, 0);
                }
            });

            final TaskFailure failure = failureOf(run);

            assertEquals(FailureKind.CREW_FAILED, failure.kind());
            assertEquals("rank 1 of crew run 1 failed, so the crew stopped: TASK_FAILED " +
                "java.lang.IllegalStateException: rank 1 gave up waiting for a message from rank 0 (tag DATA): the " +
                "task's deadline of 6000 ms is 1000 ms away", failure.remoteMessage());
        }
    }

    /**
     * The spokes' stderr, which the hub passes on to its own, is watched for the spoke's last words.
     */
    @Test
    @Timeout(60)
    void shouldEndTheSpokeCleanlyWhenAnErrorEscapesItsDutyCycle() throws Exception
    {
        final Set<Path> before = crashReportsIn(workingDirectory());
        final PrintStream stderr = System.err;
        final ByteArrayOutputStream spokeStderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeOutputStream(stderr, spokeStderr), true, StandardCharsets.UTF_8));
        try (Pool pool = Pool.builder().spokes(1).root(root.resolve("pools")).build())
        {
            final Closure<Integer, Long> fatal = pool.define("fatal", (Integer x) ->
            {
                if (1 == x)
                {
                    throw new InternalError("the task says the JVM is broken");
                }
                return ProcessHandle.current().pid();
            });

            final ParallelException ex = assertThrows(ParallelException.class, () -> runOne(pool, fatal, 1));

            final TaskFailure failure = ex.failures().get(0);
            assertEquals(FailureKind.SPOKE_CRASHED, failure.kind());
            assertNotEquals(failure.pid(), runOne(pool, fatal, 0), "a new spoke serves the pool");
            final String lastWords = "spoke 0 (pid " + failure.pid() + ") stops: its duty cycle failed";
            awaitTrue(() -> spokeStderr.toString(StandardCharsets.UTF_8).contains(lastWords));
            assertTrue(spokeStderr.toString(StandardCharsets.UTF_8).contains(lastWords),
                "the spoke said why it stopped: " + spokeStderr.toString(StandardCharsets.UTF_8));
            assertEquals(Set.of(), crashReportsIn(((LocalPool)pool).directory()), "the spoke exited, it did not crash");
            assertEquals(before, crashReportsIn(workingDirectory()));
        }
        finally
        {
            System.setErr(stderr);
            removeNewCrashReports(before);
        }
    }

    @Test
    @Timeout(60)
    void shouldWriteACrashReportIntoThePoolDirectoryNotTheWorkingDirectory() throws Exception
    {
        final Set<Path> before = crashReportsIn(workingDirectory());
        try (Pool pool = Pool.builder().spokes(1).root(root.resolve("pools"))
            .spokeJvmOption("-XX:-CreateCoredumpOnCrash").build())
        {
            final Closure<Integer, Integer> crashes = pool.define("crashes", (Integer x) ->
            {
                crashThisJvm();
                return x;
            });

            final ParallelException ex = assertThrows(ParallelException.class, () -> runOne(pool, crashes, 1));

            final TaskFailure failure = ex.failures().get(0);
            assertEquals(FailureKind.SPOKE_CRASHED, failure.kind());
            assertEquals(Set.of(((LocalPool)pool).directory().resolve("hs_err_pid" + failure.pid() + ".log")),
                crashReportsIn(((LocalPool)pool).directory()));
            assertEquals(before, crashReportsIn(workingDirectory()), "no crash report in the working directory");
        }
        finally
        {
            removeNewCrashReports(before);
        }
    }

    private static <R> R runOne(final Pool pool, final Closure<Integer, R> closure, final int argument)
    {
        try (TaskFarm farm = pool.taskFarm().start())
        {
            return farm.map(closure, List.of(argument)).get(0);
        }
    }

    /**
     * The crew runs on another thread, so that a crew that never ends fails the test within a bound.
     */
    private static TaskFailure crewFailure(final Pool pool, final Closure<Integer, Integer> closure) throws Exception
    {
        return failureOf(CompletableFuture.supplyAsync(() ->
        {
            try (Crew crew = pool.crew().size(2).start())
            {
                return crew.run(closure, 0);
            }
        }));
    }

    private static TaskFailure failureOf(final CompletableFuture<?> run) throws Exception
    {
        final Throwable failure = assertThrows(ExecutionException.class, () -> run.get(RUN_BOUND_S, TimeUnit.SECONDS))
            .getCause();
        assertTrue(failure instanceof ParallelException, String.valueOf(failure));
        final List<TaskFailure> failures = ((ParallelException)failure).failures();
        assertEquals(1, failures.size(), failures.toString());
        return failures.get(0);
    }

    private static void assertCrewRunsAgain(final Pool pool)
    {
        final Closure<Integer, Integer> rank = pool.define("rank", (Integer x) -> Crew.rank() + x);
        try (Crew crew = pool.crew().size(2).start())
        {
            assertEquals(List.of(5, 6), crew.run(rank, 5));
        }
    }

    private static void awaitFile(final Path file)
    {
        awaitTrue(() -> Files.exists(file));
    }

    private static void awaitTrue(final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_BOUND_S);
        while (!condition.getAsBoolean() && System.nanoTime() < deadlineNs)
        {
            try
            {
                Thread.sleep(5);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * A write to address 0, which no JVM survives.
     */
    private static void crashThisJvm() throws ReflectiveOperationException
    {
        final Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
        final java.lang.reflect.Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        unsafeClass.getMethod("putAddress", long.class, long.class).invoke(theUnsafe.get(null), 0L, 0L);
    }

    private static Path workingDirectory()
    {
        return Path.of("").toAbsolutePath();
    }

    private static Set<Path> crashReportsIn(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(file -> file.getFileName().toString().startsWith("hs_err_pid"))
                .collect(Collectors.toSet());
        }
    }

    /**
     * A spoke started without the fix would leave its crash report where the test runs.
     */
    private static void removeNewCrashReports(final Set<Path> before) throws IOException
    {
        for (final Path report : crashReportsIn(workingDirectory()))
        {
            if (!before.contains(report))
            {
                Files.deleteIfExists(report);
            }
        }
    }

    private static final class TeeOutputStream extends OutputStream
    {
        private final OutputStream first;
        private final OutputStream second;

        TeeOutputStream(final OutputStream first, final OutputStream second)
        {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(final int b) throws IOException
        {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(final byte[] bytes, final int offset, final int length) throws IOException
        {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public synchronized void flush() throws IOException
        {
            first.flush();
            second.flush();
        }
    }
}

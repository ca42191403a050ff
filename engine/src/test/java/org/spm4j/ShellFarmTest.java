package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Commands as tasks, on a serial and a local pool alike: exit codes through the error policy, deadlines
 * that kill whole process trees, capped output, retries, directory and environment.
 */
class ShellFarmTest
{
    private static final int COMMANDS = 50;

    @TempDir
    private Path root;

    @Test
    @Timeout(30)
    void shouldFailExactlyTheCommandsThatExitNonZeroAlikeSeriallyAndInParallel()
    {
        final List<String> serial = mixedExitCodes(PoolKind.SERIAL, 1);

        assertEquals(serial, mixedExitCodes(PoolKind.LOCAL, 1));
        assertEquals(serial, mixedExitCodes(PoolKind.LOCAL, 3), "commands run several at once on each spoke");
    }

    /**
     * Each command waits, boundedly, until {@code AT_ONCE} commands have started: with fewer at once the first
     * ones fail. Each prints how many were running when it started, which may not exceed {@code AT_ONCE}.
     */
    @Test
    @Timeout(60)
    void shouldRunCommandsPerSpokeAtOnceOnOneSpokeAndNoMore() throws IOException
    {
        final int atOnce = 4;
        final Path started = Files.createDirectory(root.resolve("started"));
        final Path running = Files.createDirectory(root.resolve("running"));
        final List<ShellCommand> commands = new ArrayList<>();
        for (int i = 0; i < 3 * atOnce; i++)
        {
            commands.add(ShellCommand.shell("touch running/" + i + " started/" + i + "; ls running | wc -l; " +
                "n=0; until [ $(ls started | wc -l) -ge " + atOnce + " ]; do [ $n -ge 400 ] && exit 9; " +
                "n=$((n+1)); sleep 0.05; done; sleep 0.1; rm running/" + i).directory(root));
        }
        try (Pool pool = Pool.builder().spokes(1).root(root).build();
            ShellFarm farm = pool.shellFarm().commandsPerSpoke(atOnce).start())
        {
            final List<ShellResult> results = farm.run(commands);

            for (final ShellResult result : results)
            {
                final int runningAtStart = Integer.parseInt(result.stdout().strip());
                assertTrue(runningAtStart >= 1 && runningAtStart <= atOnce, result.toString());
            }
        }
        assertEquals(List.of(), List.of(running.toFile().list()));
        assertEquals(3 * atOnce, started.toFile().list().length);
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(30)
    void shouldLeaveNoProcessOfACommandRunningPastItsDeadlineOrItsExit(final PoolKind kind)
    {
        final String marker = String.format("60.%09d", System.nanoTime() % 1_000_000_000L);
        final List<CompletableFuture<ShellResult>> futures = new ArrayList<>();
        try (Pool pool = kind.start(root))
        {
            final ShellFarm farm = pool.shellFarm()
                .errorPolicy(ErrorPolicy.collect())
                .deadline(Duration.ofSeconds(1))
                .start();
            futures.add(farm.submit(ShellCommand.shell("sleep " + marker + " & echo $! >&2; sleep " + marker +
                " & echo $! >&2; echo $$ >&2; wait")));
            futures.add(farm.submit(ShellCommand.of("sleep", marker).deadline(Duration.ofMillis(300))));
            futures.add(farm.submit(ShellCommand.shell("sleep " + marker + " & echo $! >&2; echo left it")));

            assertEquals(2, assertThrows(ParallelException.class, farm::close).failures().size());
        }

        final ShellCommandException withChildren = commandFailure(futures.get(0));
        assertTrue(withChildren.getMessage().startsWith("command `sleep " + marker + " & echo $! >&2; sleep " +
            marker + " & echo $! >&2; echo $$ >&2; wait` ran past its deadline of 1000 ms and was killed with every " +
            "process it started; stderr ends with:"), withChildren.getMessage());
        assertTrue(withChildren.deadlineExceeded());
        final ShellCommandException alone = commandFailure(futures.get(1));
        assertEquals("command `sleep " + marker + "` ran past its deadline of 300 ms and was killed with every " +
            "process it started; stderr was empty", alone.getMessage());
        assertEquals(Duration.ofMillis(300), alone.deadline());
        final ShellResult leaving = futures.get(2).join();
        assertEquals("left it\n", leaving.stdout());

        final List<Long> pids = pidsIn(withChildren.stderrTail() + " " + leaving.stderr());
        assertEquals(4, pids.size(), "3 from the line that waits for its children, 1 from the line that does not");
        await(() -> pids.stream().noneMatch(ShellFarmTest::isRunning), "processes " + pids + " are all gone");
        await(() -> ProcessHandle.allProcesses()
            .noneMatch(process -> isRunning(process.pid()) && process.info().commandLine().orElse("").contains(marker)),
            "no process with marker " + marker + " is left");
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(30)
    void shouldKeepStdoutAndStderrApartAndCutThemAtTheCap(final PoolKind kind)
    {
        try (Pool pool = kind.start(root))
        {
            final ShellFarm farm = pool.shellFarm().outputCap(1000).errorPolicy(ErrorPolicy.collect()).start();
            final List<ShellResult> results = farm.run(List.of(
                ShellCommand.shell("head -c 5000000 /dev/zero | tr '\\000' o; printf 'to stderr' >&2"),
                ShellCommand.shell("head -c 1000 /dev/zero | tr '\\000' x")));
            final CompletableFuture<ShellResult> failing = farm.submit(ShellCommand.shell(
                "head -c 100000 /dev/zero | tr '\\000' e >&2; echo >&2; echo the last line >&2; exit 3"));
            assertThrows(ParallelException.class, farm::close);

            final ShellResult flood = results.get(0);
            assertEquals("o".repeat(1000), flood.stdout());
            assertTrue(flood.stdoutTruncated());
            assertEquals("to stderr", flood.stderr());
            assertFalse(flood.stderrTruncated());
            assertEquals(1000, flood.outputCap());
            assertTrue(flood.toString().contains("stdout 1000 bytes (cut at the 1000-byte cap)"), flood.toString());

            assertEquals("x".repeat(1000), results.get(1).stdout());
            assertFalse(results.get(1).stdoutTruncated());

            final ShellCommandException failure = commandFailure(failing);
            assertEquals(3, failure.exitCode());
            assertTrue(failure.stderrTail().matches("\\.\\.\\.e+\\s+the last line"), failure.stderrTail());
            assertTrue(failure.getMessage().contains("exited with status 3; stderr ends with:"), failure.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(30)
    void shouldRetryACommandThatFailsOnItsFirstAttempt(final PoolKind kind) throws IOException
    {
        final Path directory = Files.createDirectory(root.resolve("retry-" + kind));
        final List<TaskStatus.State> states = new ArrayList<>();
        try (Pool pool = kind.start(root);
            ShellFarm farm = pool.shellFarm()
                .errorPolicy(ErrorPolicy.retry(1, ErrorPolicy.failFast()))
                .onStatus(status -> states.add(status.state()))
                .start())
        {
            final List<ShellResult> results = farm.run(List.of(ShellCommand.shell(
                "if [ -e marker ]; then echo second attempt; else touch marker; exit 1; fi").directory(directory)));

            assertEquals("second attempt\n", results.get(0).stdout());
        }
        assertEquals(List.of(TaskStatus.State.RETRYING, TaskStatus.State.COMPLETED), states);
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(30)
    void shouldRunCommandsInTheirDirectoryWithTheirEnvironment(final PoolKind kind) throws IOException
    {
        final Path directory = Files.createDirectory(root.resolve("work-" + kind)).toRealPath();
        final ShellCommand printf = ShellCommand.of("printf", "%s|", "a b", "c'd", "$HOME");
        try (Pool pool = kind.start(root))
        {
            try (ShellFarm farm = pool.shellFarm().start())
            {
                final List<ShellResult> results = farm.run(List.of(
                    ShellCommand.shell("pwd -P; echo \"$GREETING\"")
                        .directory(directory)
                        .environment("GREETING", "hello world"),
                    printf));

                assertEquals(directory + "\nhello world\n", results.get(0).stdout());
                assertEquals("a b|c'd|$HOME|", results.get(1).stdout());
            }
            try (ShellFarm farm = pool.shellFarm().start())
            {
                assertEquals("again\n", farm.run(List.of(ShellCommand.of("echo", "again"))).get(0).stdout());
            }
        }
        assertEquals("printf '%s|' 'a b' 'c'\\''d' '$HOME'", printf.toString());
    }

    @Test
    @Timeout(30)
    void shouldRefuseAnOutputCapAStatusMessageCannotCarryAndASecondManager()
    {
        try (Pool pool = PoolKind.SERIAL.start(root))
        {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> pool.shellFarm().outputCap(1 << 20).start())
                .getMessage().startsWith("outputCap of 1048576 bytes per stream does not fit a status message of a " +
                "pool with an inbox capacity of 1048576 bytes"));
            final TaskFarm online = pool.taskFarm().start();
            assertTrue(assertThrows(ParallelInvariantException.class, () -> pool.shellFarm().start())
                .getMessage().startsWith("cannot start a shell farm: task farm run 1 is online on pool"));
            online.close();
            try (ShellFarm farm = pool.shellFarm().start())
            {
                final ShellResult result = farm.run(List.of(ShellCommand.of("true"))).get(0);
                assertTrue(result.outputCap() >= 32 * 1024, result.toString());
            }
        }
    }

    @Test
    @Timeout(30)
    void shouldRunTheJavadocExample()
    {
        final StringBuilder out = new StringBuilder();
        try (Pool pool = Pool.local(2);
            ShellFarm farm = pool.shellFarm().deadline(Duration.ofMinutes(1)).start())
        {
            List<ShellResult> results = farm.run(List.of(
                ShellCommand.of("uname", "-s"),
                ShellCommand.shell("echo $GREETING | tr a-z A-Z").environment("GREETING", "hello")));
            results.forEach(result -> out.append(result.stdout()));
        }
        assertEquals("Linux\nHELLO\n", out.toString());
    }

    /**
     * Each command prints on both streams and exits with its index modulo 3.
     *
     * @param commandsPerSpoke most commands a spoke runs at once.
     *
     * @return for each command in order, its result or its failure, without where it ran.
     */
    private List<String> mixedExitCodes(final PoolKind kind, final int commandsPerSpoke)
    {
        final List<CompletableFuture<ShellResult>> futures = new ArrayList<>();
        final ParallelException collected;
        try (Pool pool = kind.start(root))
        {
            final ShellFarm farm = pool.shellFarm().errorPolicy(ErrorPolicy.collect())
                .commandsPerSpoke(commandsPerSpoke).start();
            for (int i = 0; i < COMMANDS; i++)
            {
                futures.add(farm.submit(ShellCommand.shell(
                    "echo out " + i + "; echo err " + i + " >&2; exit " + i % 3)));
            }
            collected = assertThrows(ParallelException.class, farm::close);
        }

        final List<String> outcomes = new ArrayList<>();
        final List<ShellCommand> failed = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++)
        {
            final CompletableFuture<ShellResult> future = futures.get(i);
            if (0 == i % 3)
            {
                final ShellResult result = future.join();
                assertEquals("out " + i + "\n", result.stdout());
                assertEquals("err " + i + "\n", result.stderr());
                outcomes.add(i + ": " + result.exitCode() + " " + result.stdout().strip());
                continue;
            }
            final ShellCommandException failure = commandFailure(future);
            assertEquals(i % 3, failure.exitCode());
            assertEquals("command `echo out " + i + "; echo err " + i + " >&2; exit " + i % 3 + "` exited with " +
                "status " + i % 3 + "; stderr ends with:" + System.lineSeparator() + "err " + i, failure.getMessage());
            failed.add(failure.command());
            outcomes.add(i + ": " + onlyFailure(future).describeWithoutPlacement());
        }
        assertEquals(COMMANDS - (COMMANDS + 2) / 3, failed.size());
        assertEquals(failed.stream().sorted(ShellFarmTest::byText).toList(), collected.failures().stream()
            .map(failure -> ((ShellCommandException)failure.exception()).command())
            .sorted(ShellFarmTest::byText)
            .toList());
        return outcomes;
    }

    private static List<Long> pidsIn(final String text)
    {
        return Arrays.stream(text.strip().split("\\s+")).map(Long::valueOf).toList();
    }

    private static int byText(final ShellCommand a, final ShellCommand b)
    {
        return a.toString().compareTo(b.toString());
    }

    private static TaskFailure onlyFailure(final CompletableFuture<ShellResult> future)
    {
        final CompletionException ex = assertThrows(CompletionException.class, future::join);
        final List<TaskFailure> failures = assertInstanceOf(ParallelException.class, ex.getCause()).failures();
        assertEquals(1, failures.size());
        assertEquals(FailureKind.TASK_FAILED, failures.get(0).kind());
        return failures.get(0);
    }

    private static ShellCommandException commandFailure(final CompletableFuture<ShellResult> future)
    {
        return assertInstanceOf(ShellCommandException.class, onlyFailure(future).exception());
    }

    /**
     * Killed processes linger as zombies until their new parent reaps them; a zombie runs nothing.
     */
    private static boolean isRunning(final long pid)
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return 'Z' != stat.charAt(stat.lastIndexOf(')') + 2);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadlineNs, "timed out waiting until " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}

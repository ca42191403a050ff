package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spm4j.internal.local.LocalPool;

/**
 * A shell command dies with the spoke that runs it, however the spoke dies, and takes every process it
 * started with it, those in a process group of their own included; what makes it so is invisible to the
 * command.
 */
class ShellCommandLifetimeTest
{
    @TempDir
    private Path root;

    @Test
    @Timeout(60)
    void shouldKillACommandWithEveryProcessItStartedWhenItsSpokeIsKilled()
    {
        final String nanos = String.format("%09d", System.nanoTime() % 1_000_000_000L);
        final String inGroup = "300." + nanos;
        final String ownGroup = "280." + nanos;
        try (Pool pool = Pool.builder().spokes(1).root(root).build())
        {
            final ShellFarm farm = pool.shellFarm().errorPolicy(ErrorPolicy.collect()).start();
            final CompletableFuture<ShellResult> running = farm.submit(ShellCommand.shell(
                "sleep " + inGroup + " & timeout 290 sleep " + ownGroup + " & wait"));
            final long spoke = ((LocalPool)pool).spokePid(0);
            try (ProcessesLeft tree = ProcessesLeft.awaitTreeWith(spoke, Duration.ofSeconds(20), inGroup, ownGroup))
            {
                ProcessHandle.of(spoke).ifPresent(ProcessHandle::destroyForcibly);

                tree.awaitAllGone(Duration.ofSeconds(10));
            }

            final CompletionException failed = assertThrows(CompletionException.class, running::join);
            final ParallelException failures = assertInstanceOf(ParallelException.class, failed.getCause());
            assertEquals(FailureKind.SPOKE_CRASHED, failures.failures().get(0).kind());
            assertEquals("after\n", farm.submit(ShellCommand.of("echo", "after")).join().stdout());
            assertThrows(ParallelException.class, farm::close);
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(60)
    void shouldGiveACommandAnEmptyStdinAndNoWordFromWhatWatchesIt(final PoolKind kind)
    {
        try (Pool pool = kind.start(root))
        {
            final ShellFarm farm = pool.shellFarm().errorPolicy(ErrorPolicy.collect()).deadline(Duration.ofSeconds(20))
                .start();
            final CompletableFuture<ShellResult> reading = farm.submit(ShellCommand.of("cat"));
            final CompletableFuture<ShellResult> killed =
                farm.submit(ShellCommand.shell("echo before >&2; kill -9 $$"));
            final List<TaskFailure> failures = assertThrows(ParallelException.class, farm::close).failures();

            assertEquals("", reading.join().stdout());
            assertEquals(1, failures.size());
            final ShellCommandException failure = assertInstanceOf(ShellCommandException.class,
                failures.get(0).exception());
            assertEquals(137, failure.exitCode());
            assertEquals("before", failure.stderrTail());
            assertThrows(CompletionException.class, killed::join);
        }
    }
}

package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What makes a shell command die with the spoke that runs it is invisible to the command. That it does die,
 * with every process it started, is a row of {@link FaultMatrixTest}.
 */
class ShellCommandLifetimeTest
{
    @TempDir
    private Path root;

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

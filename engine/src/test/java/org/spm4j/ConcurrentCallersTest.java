package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both pool kinds keep the same thread-safety: a failure is recorded whichever thread runs the manager. Submits
 * from many threads at once, a cancel from another thread and a task's OutOfMemoryError are rows of
 * {@link FaultMatrixTest}.
 */
class ConcurrentCallersTest
{
    private static final int THREADS = 4;

    @TempDir
    private Path root;

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    @Timeout(60)
    void shouldRecordFailuresWhicheverThreadSubmits(final PoolKind kind) throws Exception
    {
        try (Pool pool = kind.start(root))
        {
            final Closure<Integer, Integer> noThrees = pool.define("no-threes", (Integer x) ->
            {
                if (3 == x)
                {
                    throw new IllegalArgumentException("three");
                }
                return x;
            });
            try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.collect()).start())
            {
                for (int thread = 0; thread < THREADS; thread++)
                {
                    final ParallelException failed = CompletableFuture.supplyAsync(() ->
                        assertThrows(ParallelException.class, () -> farm.map(noThrees, Scenarios.range(5))),
                        command -> new Thread(command).start()).get(30, TimeUnit.SECONDS);
                    assertEquals(FailureKind.TASK_FAILED, failed.failures().get(0).kind(), failed.toString());
                    assertEquals("three", failed.failures().get(0).remoteMessage());
                }
            }
        }
    }
}

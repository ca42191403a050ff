package org.spm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.Pool;

class PiExampleTest
{
    private static final int TASKS = 16;
    private static final long DARTS = 2_000_000;
    private static final long SEED = 42;

    @TempDir
    private Path root;

    @Test
    @Timeout(60)
    void shouldEstimatePiWithinOneThousandthTheSameBitForBitSeriallyAndOnSpokes()
    {
        final long expected = referenceHits();
        for (final PoolKind kind : PoolKind.values())
        {
            try (Pool pool = kind.start(root))
            {
                assertEquals(expected, PiExample.countHits(pool, TASKS, DARTS, SEED), kind.name());
            }
        }
        final double pi = PiExample.estimate(expected, TASKS * DARTS);
        assertTrue(Math.abs(pi - Math.PI) < 1e-3, "pi estimated as " + pi);
    }

    @Test
    @Timeout(60)
    void shouldPrintItsTimingsAndTheEstimateFromTheCommandLine()
    {
        final CommandRun run = CommandRun.of(new PiExample(), "--tasks", "4", "--darts", "1000", "-n", "2",
            "--root", root.toString());

        assertEquals(Examples.OK, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("pi: 4 tasks of 1,000 darts each"), run.toString());
        assertTrue(run.out().contains("\nserial        1 "), run.toString());
        assertTrue(run.out().contains("\nlocal         2 "), run.toString());
        assertTrue(run.out().contains("the serial and parallel estimates are identical"), run.toString());
    }

    @Test
    void shouldRefuseBadOptionsWithExitCode2()
    {
        final CommandRun run = CommandRun.of(new PiExample(), "--tasks", "0");

        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("pi: --tasks and --darts must be at least 1\n", run.err());
    }

    /** The same darts thrown one task after the other in this thread. */
    private static long referenceHits()
    {
        final SplittableRandom seeds = new SplittableRandom(SEED);
        long hits = 0;
        for (int task = 0; task < TASKS; task++)
        {
            final SplittableRandom random = new SplittableRandom(seeds.nextLong());
            for (long dart = 0; dart < DARTS; dart++)
            {
                final double x = random.nextDouble();
                final double y = random.nextDouble();
                hits += x * x + y * y <= 1.0 ? 1 : 0;
            }
        }
        return hits;
    }
}

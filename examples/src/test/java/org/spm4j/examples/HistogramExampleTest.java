package org.spm4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spm4j.Pool;

class HistogramExampleTest
{
    private static final int SAMPLES = 200_003;
    private static final int BINS = 16;

    @TempDir
    private Path root;

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(60)
    void shouldMatchAOneThreadPassOverTheSamples(final PoolKind kind) throws Exception
    {
        final double[] values = HistogramExample.samples(SAMPLES, 7);
        final HistogramExample.Summary summary;
        try (Pool pool = kind.start(root))
        {
            summary = HistogramExample.summarize(pool, values, 13, BINS);
        }

        final long[] counts = new long[BINS];
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (final double x : values)
        {
            final double position = (x - HistogramExample.LOW) / (HistogramExample.HIGH - HistogramExample.LOW);
            counts[Math.min(BINS - 1, Math.max(0, (int)Math.floor(position * BINS)))]++;
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        final double mean = sum / SAMPLES;
        double squares = 0;
        for (final double x : values)
        {
            squares += (x - mean) * (x - mean);
        }
        assertArrayEquals(counts, summary.counts());
        assertEquals(SAMPLES, summary.moments().count());
        assertEquals(mean, summary.moments().mean(), 1e-12);
        assertEquals(squares / SAMPLES, summary.moments().variance(), 1e-9);
        assertEquals(min, summary.moments().min());
        assertEquals(max, summary.moments().max());
        try (Stream<Path> left = Files.list(root))
        {
            assertEquals(0, left.count(), "the shared arrays and the pool are gone");
        }
    }

    @Test
    @Timeout(60)
    void shouldSayTheSummariesAreIdenticalFromTheCommandLine()
    {
        final CommandRun run = CommandRun.of(new HistogramExample(), "--samples", "100000", "--tasks", "8", "-n",
            "2", "--root", root.toString());

        assertEquals(Examples.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("The serial and parallel summaries are identical"), run.toString());
    }

    @Test
    @Timeout(60)
    void shouldRefuseMoreTasksThanSamplesBeforeAnyWork()
    {
        final CommandRun run = CommandRun.of(new HistogramExample(), "--samples", "3", "--tasks", "4", "--root",
            root.toString());

        assertEquals(Examples.BAD_INPUT, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--tasks at most --samples"), run.toString());
    }
}

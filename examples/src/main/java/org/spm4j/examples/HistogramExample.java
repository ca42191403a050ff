package org.spm4j.examples;

import java.io.PrintWriter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.spm4j.Closure;
import org.spm4j.Pool;
import org.spm4j.SharedDoubles;
import org.spm4j.SharedLongs;
import org.spm4j.TaskFarm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Statistics of a large {@code double[]} in shared memory: the array is shared once, each task reads its slice in
 * place and counts a histogram into its own row of a writable shared array, returning the slice's moments; the
 * hub merges rows and moments in task order, so the figures are the same, bit for bit, serially and on spokes.
 */
@Command(
    name = "histogram",
    header = "Statistics of a shared double[]: shared arrays read and written in place.",
    description = "Shares a large array of samples once, then has tasks read slices of it in place, each counting " +
        "a histogram into its own row of a writable shared array and returning its slice's moments. Runs serially, " +
        "then on spokes, and checks that both summaries are identical.")
public final class HistogramExample implements Callable<Integer>
{
    /** The histogram's lowest edge; smaller samples count in the first bin. */
    static final double LOW = -4;
    /** The histogram's highest edge; larger samples count in the last bin. */
    static final double HIGH = 4;
    private static final int BAR_WIDTH = 50;

    @Mixin
    private PoolOptions pools;

    @Option(names = "--samples", paramLabel = "COUNT", description = "Samples (default: ${DEFAULT-VALUE}).")
    private int samples = 50_000_000;

    @Option(names = "--tasks", paramLabel = "COUNT", description = "Tasks (default: ${DEFAULT-VALUE}).")
    private int tasks = 64;

    @Option(names = "--bins", paramLabel = "COUNT", description = "Histogram bins (default: ${DEFAULT-VALUE}).")
    private int bins = 16;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the samples (default: ${DEFAULT-VALUE}).")
    private long seed = 42;

    @Spec
    private CommandSpec spec;

    /**
     * @param args the options; {@code --help} lists them.
     */
    public static void main(final String[] args)
    {
        System.exit(Examples.execute(new HistogramExample(), args));
    }

    /**
     * Summarizes the samples serially, then on spokes.
     *
     * @return 0 when both summaries are identical.
     */
    @Override
    public Integer call()
    {
        if (samples < 1 || tasks < 1 || tasks > samples || bins < 1)
        {
            throw new IllegalArgumentException("--samples, --tasks and --bins must be at least 1, and --tasks at " +
                "most --samples");
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.printf("histogram: %,d samples (%,d MB) shared once, %d tasks reading a slice each, %d bins%n",
            samples, (long)samples * Double.BYTES >> 20, tasks, bins);
        final double[] values = samples(samples, seed);
        final SerialVsLocal<Summary> summaries = SerialVsLocal.run(pools, UnaryOperator.identity(),
            pool -> summarize(pool, values, tasks, bins), out);
        final Summary summary = summaries.local();
        out.printf("(sharing the samples took %d ms of the parallel run)%n",
            TimeUnit.NANOSECONDS.toMillis(summary.shareNanos()));
        out.printf("mean %.6f, standard deviation %.6f, min %.4f, max %.4f%n", summary.moments().mean(),
            Math.sqrt(summary.moments().variance()), summary.moments().min(), summary.moments().max());
        final long most = Arrays.stream(summary.counts()).max().orElse(1);
        for (int bin = 0; bin < bins; bin++)
        {
            out.printf("%7.2f %11d %s%n", LOW + bin * (HIGH - LOW) / bins, summary.counts()[bin],
                "#".repeat((int)(BAR_WIDTH * summary.counts()[bin] / Math.max(1, most))));
        }
        final boolean identical = summary.sameFiguresAs(summaries.serial());
        out.printf("The serial and parallel summaries are %s%n", identical ? "identical" : "DIFFERENT");
        return identical ? Examples.OK : Examples.FAILED;
    }

    /**
     * @param count how many.
     * @param seed  where they come from.
     * @return samples of two normal distributions mixed, at -1 and 1.5.
     */
    static double[] samples(final int count, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final double[] values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = random.nextInt(3) == 0 ? 1.5 + 0.5 * random.nextGaussian() : -1 + random.nextGaussian();
        }
        return values;
    }

    /**
     * The parallel part: the samples shared once, a slice and a row of counts per task, merged in task order.
     *
     * @param pool   any pool.
     * @param values the samples.
     * @param tasks  how many slices.
     * @param bins   histogram bins.
     * @return the moments and the histogram.
     */
    static Summary summarize(final Pool pool, final double[] values, final int tasks, final int bins)
    {
        final long startNs = System.nanoTime();
        try (SharedDoubles shared = pool.share(values); SharedLongs counts = pool.allocateLongs(tasks * bins))
        {
            final long shareNs = System.nanoTime() - startNs;
            final Closure<Slice, Moments> summarize = pool.define("summarize", Slice::summarize);
            final List<Slice> slices = new ArrayList<>();
            for (int task = 0; task < tasks; task++)
            {
                slices.add(new Slice(
                    shared.slice((int)((long)task * values.length / tasks), (int)((task + 1L) * values.length / tasks)),
                    counts.slice(task * bins, (task + 1) * bins)));
            }
            final List<Moments> moments;
            try (TaskFarm farm = pool.taskFarm().start())
            {
                moments = farm.map(summarize, slices);
            }
            final long[] histogram = new long[bins];
            for (int i = 0; i < counts.length(); i++)
            {
                histogram[i % bins] += counts.get(i);
            }
            return new Summary(moments.stream().reduce(Moments::merge).orElseThrow(), histogram, shareNs);
        }
    }

    /**
     * One task's work: its samples and its row of counts, both views of shared arrays.
     *
     * @param samples its slice of the samples.
     * @param counts  its row of the histogram, written only by this task.
     */
    record Slice(SharedDoubles samples, SharedLongs counts) implements Serializable
    {
        Moments summarize()
        {
            final int bins = counts.length();
            final long[] row = new long[bins];
            double mean = 0;
            double m2 = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < samples.length(); i++)
            {
                final double x = samples.get(i);
                final double delta = x - mean;
                mean += delta / (i + 1);
                m2 += delta * (x - mean);
                min = Math.min(min, x);
                max = Math.max(max, x);
                row[Math.min(bins - 1, Math.max(0, (int)Math.floor((x - LOW) / (HIGH - LOW) * bins)))]++;
            }
            // a retried task rewrites its whole row
            for (int bin = 0; bin < bins; bin++)
            {
                counts.set(bin, row[bin]);
            }
            return new Moments(samples.length(), mean, m2, min, max);
        }
    }

    /**
     * Count, mean, sum of squared deviations, extremes; two merge exactly as one pass over both would, up to
     * rounding.
     *
     * @param count how many samples.
     * @param mean  their mean.
     * @param m2    the sum of their squared deviations from it.
     * @param min   the smallest.
     * @param max   the largest.
     */
    record Moments(long count, double mean, double m2, double min, double max) implements Serializable
    {
        Moments merge(final Moments other)
        {
            final long total = count + other.count;
            final double delta = other.mean - mean;
            return new Moments(total, mean + delta * other.count / total,
                m2 + other.m2 + delta * delta * count * other.count / total, Math.min(min, other.min),
                Math.max(max, other.max));
        }

        double variance()
        {
            return m2 / count;
        }
    }

    /**
     * What the hub makes of the tasks' results.
     *
     * @param moments    of every sample.
     * @param counts     samples per bin.
     * @param shareNanos how long the one copy into shared memory took.
     */
    record Summary(Moments moments, long[] counts, long shareNanos)
    {
        boolean sameFiguresAs(final Summary other)
        {
            return moments.equals(other.moments) && Arrays.equals(counts, other.counts);
        }
    }
}

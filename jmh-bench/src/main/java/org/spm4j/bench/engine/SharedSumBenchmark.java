package org.spm4j.bench.engine;

import static org.spm4j.bench.BenchJvmArgs.NO_BOUNDS_CHECKS;
import static org.spm4j.shm.JvmFlags.AGRONA_MISC;
import static org.spm4j.shm.JvmFlags.CHRONICLE_LANG;
import static org.spm4j.shm.JvmFlags.CHRONICLE_MISC;
import static org.spm4j.shm.JvmFlags.CHRONICLE_NIO;
import static org.spm4j.shm.JvmFlags.CHRONICLE_NIO_CH_EXPORTS;
import static org.spm4j.shm.JvmFlags.CHRONICLE_NIO_CH_OPENS;
import static org.spm4j.shm.JvmFlags.CHRONICLE_REF;
import static org.spm4j.shm.JvmFlags.CHRONICLE_REFLECT;
import static org.spm4j.shm.JvmFlags.QUIET_ANALYTICS;
import static org.spm4j.shm.JvmFlags.QUIET_ANNOUNCER;
import static org.spm4j.shm.JvmFlags.QUIET_PERF_INFO;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.spm4j.Closure;
import org.spm4j.SharedDoubles;
import org.spm4j.SpokeIdle;
import org.spm4j.TaskFarm;

/**
 * Summing a {@code double[]} of {@code megabytes} on 2 cores. {@code sum}: runner {@code spm4j-2}, the array
 * shared once before the measurement and summed in place by 2 spokes, a slice per task; {@code forkjoin-2}, the
 * heap array summed by a {@link ForkJoinPool} of 2 in this JVM, the in-process ceiling. {@code share}: the one-time
 * copy of the array into shared memory, and its release.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {
    AGRONA_MISC, CHRONICLE_NIO_CH_EXPORTS, CHRONICLE_REFLECT, CHRONICLE_REF, CHRONICLE_LANG, CHRONICLE_NIO,
    CHRONICLE_NIO_CH_OPENS, CHRONICLE_MISC, QUIET_ANALYTICS, QUIET_ANNOUNCER, QUIET_PERF_INFO, NO_BOUNDS_CHECKS,
    "-Xmx3g" })
@State(Scope.Benchmark)
public class SharedSumBenchmark
{
    private static final String SPM4J = "spm4j-";
    private static final String FORK_JOIN = "forkjoin-";
    private static final int SLICES = 16;

    @Param({ "100", "1000" })
    public int megabytes;

    @Param({ "spm4j-2", "forkjoin-2" })
    public String runner;

    private double[] values;
    private final List<int[]> ranges = new ArrayList<>();
    private BenchPool pool;
    private SharedDoubles shared;
    private final List<SharedDoubles> slices = new ArrayList<>();
    private Closure<SharedDoubles, Double> sum;
    private TaskFarm farm;
    private ForkJoinPool forkJoinPool;

    @Setup(Level.Trial)
    public void setUp()
    {
        values = new SplittableRandom(42).doubles((long)megabytes * 1_000_000 / Double.BYTES).toArray();
        for (int slice = 0; slice < SLICES; slice++)
        {
            ranges.add(new int[] {(int)((long)slice * values.length / SLICES),
                (int)((slice + 1L) * values.length / SLICES)});
        }
        try
        {
            if (runner.startsWith(SPM4J))
            {
                pool = BenchPool.start(Integer.parseInt(runner.substring(SPM4J.length())), SpokeIdle.BACKOFF);
                shared = pool.pool().share(values);
                ranges.forEach(range -> slices.add(shared.slice(range[0], range[1])));
                sum = pool.pool().define("sum", SharedSumBenchmark::sum);
                farm = pool.pool().taskFarm().chunkSize(1).start();
            }
            else if (runner.startsWith(FORK_JOIN))
            {
                forkJoinPool = new ForkJoinPool(Integer.parseInt(runner.substring(FORK_JOIN.length())));
            }
            else
            {
                throw new IllegalArgumentException("unknown runner " + runner);
            }
        }
        catch (final RuntimeException | Error ex)
        {
            tearDown();
            throw ex;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        if (null != forkJoinPool)
        {
            forkJoinPool.shutdownNow();
        }
        if (null != shared)
        {
            shared.close();
        }
        BenchPool.closeAll(farm, pool);
    }

    @Benchmark
    public double sum()
    {
        double total = 0;
        if (null != farm)
        {
            for (final double part : farm.map(sum, slices))
            {
                total += part;
            }
            return total;
        }
        final List<ForkJoinTask<Double>> tasks = new ArrayList<>(SLICES);
        for (final int[] range : ranges)
        {
            tasks.add(forkJoinPool.submit(() -> sum(values, range[0], range[1])));
        }
        for (final ForkJoinTask<Double> task : tasks)
        {
            total += task.join();
        }
        return total;
    }

    /**
     * The one-time copy: share the array and free it again.
     *
     * @return the array's length, read back.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public int share()
    {
        if (null == pool)
        {
            return values.length;
        }
        try (SharedDoubles copy = pool.pool().share(values))
        {
            return copy.length();
        }
    }

    private static double sum(final SharedDoubles slice)
    {
        double total = 0;
        for (int i = 0; i < slice.length(); i++)
        {
            total += slice.get(i);
        }
        return total;
    }

    private static double sum(final double[] values, final int from, final int to)
    {
        double total = 0;
        for (int i = from; i < to; i++)
        {
            total += values[i];
        }
        return total;
    }
}

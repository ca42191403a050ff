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
import org.spm4j.SpokeIdle;
import org.spm4j.TaskFarm;

/**
 * A CPU-bound farm: one operation computes every band of {@link Mandelbrot} and adds them up. Parameter
 * {@code runner}: {@code serial}, the bands one after the other in this thread; {@code spm4j-N}, a task farm
 * map over N spokes, started before the measurement (spawn excluded); {@code forkjoin-N}, the bands as tasks
 * of a {@link ForkJoinPool} of parallelism N in this JVM, the in-process ceiling.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {
    AGRONA_MISC, CHRONICLE_NIO_CH_EXPORTS, CHRONICLE_REFLECT, CHRONICLE_REF, CHRONICLE_LANG, CHRONICLE_NIO,
    CHRONICLE_NIO_CH_OPENS, CHRONICLE_MISC, QUIET_ANALYTICS, QUIET_ANNOUNCER, QUIET_PERF_INFO, NO_BOUNDS_CHECKS })
@State(Scope.Benchmark)
public class CpuFarmBenchmark
{
    private static final String SPM4J = "spm4j-";
    private static final String FORK_JOIN = "forkjoin-";

    @Param({ "serial", "spm4j-1", "spm4j-2", "forkjoin-1", "forkjoin-2" })
    public String runner;

    private final List<Integer> bands = new ArrayList<>(Mandelbrot.BANDS);
    private BenchPool pool;
    private Closure<Integer, Long> band;
    private TaskFarm farm;
    private ForkJoinPool forkJoinPool;

    @Setup(Level.Trial)
    public void setUp()
    {
        for (int i = 0; i < Mandelbrot.BANDS; i++)
        {
            bands.add(i);
        }
        try
        {
            if (runner.startsWith(SPM4J))
            {
                pool = BenchPool.start(Integer.parseInt(runner.substring(SPM4J.length())), SpokeIdle.BACKOFF);
                band = pool.pool().define("mandelbrot-band", Mandelbrot.BAND);
                farm = pool.pool().taskFarm().start();
            }
            else if (runner.startsWith(FORK_JOIN))
            {
                forkJoinPool = new ForkJoinPool(Integer.parseInt(runner.substring(FORK_JOIN.length())));
            }
            else if (!"serial".equals(runner))
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
        BenchPool.closeAll(farm, pool);
    }

    @Benchmark
    public long render()
    {
        if (null != farm)
        {
            return sum(farm.map(band, bands));
        }
        if (null != forkJoinPool)
        {
            final List<ForkJoinTask<Long>> tasks = new ArrayList<>(Mandelbrot.BANDS);
            for (final int each : bands)
            {
                tasks.add(forkJoinPool.submit(() -> Mandelbrot.band(each)));
            }
            long total = 0;
            for (final ForkJoinTask<Long> task : tasks)
            {
                total += task.join();
            }
            return total;
        }
        long total = 0;
        for (final int each : bands)
        {
            total += Mandelbrot.band(each);
        }
        return total;
    }

    private static long sum(final List<Long> values)
    {
        long total = 0;
        for (final long value : values)
        {
            total += value;
        }
        return total;
    }
}

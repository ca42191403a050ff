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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
 * No-op tasks through one spoke, one {@code submit} each: an operation submits {@link #TASKS} tasks, then
 * waits for every result. Parameter {@code window}: the farm's window, 0 for the default one, which follows how
 * long tasks take, or 1000 fixed, which lets queued tasks travel in batches from the first. The pool idles with
 * its default backoff.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {
    AGRONA_MISC, CHRONICLE_NIO_CH_EXPORTS, CHRONICLE_REFLECT, CHRONICLE_REF, CHRONICLE_LANG, CHRONICLE_NIO,
    CHRONICLE_NIO_CH_OPENS, CHRONICLE_MISC, QUIET_ANALYTICS, QUIET_ANNOUNCER, QUIET_PERF_INFO, NO_BOUNDS_CHECKS })
@State(Scope.Benchmark)
public class SubmitThroughputBenchmark
{
    static final int TASKS = 1000;

    @Param({ "0", "1000" })
    public int window;

    private final List<CompletableFuture<Integer>> results = new ArrayList<>(TASKS);
    private BenchPool pool;
    private Closure<Integer, Integer> noOp;
    private TaskFarm farm;

    @Setup(Level.Trial)
    public void setUp()
    {
        try
        {
            pool = BenchPool.start(1, SpokeIdle.BACKOFF);
            noOp = pool.pool().define("no-op", Tasks.NO_OP);
            final TaskFarm.Builder builder = pool.pool().taskFarm();
            farm = (0 == window ? builder : builder.window(window)).start();
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
        BenchPool.closeAll(farm, pool);
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public int submitEach()
    {
        results.clear();
        for (int i = 0; i < TASKS; i++)
        {
            results.add(farm.submit(noOp, i));
        }
        int sum = 0;
        for (final CompletableFuture<Integer> result : results)
        {
            sum += result.join();
        }
        return sum;
    }
}

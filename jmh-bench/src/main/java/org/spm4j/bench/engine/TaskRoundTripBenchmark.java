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

import java.util.concurrent.CompletableFuture;
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
 * One no-op task through a task farm on one spoke: {@code submit}, then wait for its result. Parameter
 * {@code idle}: how the hub thread and the spoke wait for work. Parameter {@code await}: how the caller
 * waits, {@code join} (it parks, and the hub thread wakes it) or {@code spin} on {@code isDone()}. With
 * busy-spin idling a spinning caller is a third spinning thread, so it pays only with 3 or more free
 * cores; on 2 cores it waits for the scheduler's time slices.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {
    AGRONA_MISC, CHRONICLE_NIO_CH_EXPORTS, CHRONICLE_REFLECT, CHRONICLE_REF, CHRONICLE_LANG, CHRONICLE_NIO,
    CHRONICLE_NIO_CH_OPENS, CHRONICLE_MISC, QUIET_ANALYTICS, QUIET_ANNOUNCER, QUIET_PERF_INFO, NO_BOUNDS_CHECKS })
@State(Scope.Benchmark)
public class TaskRoundTripBenchmark
{
    private static final Integer ARGUMENT = 7;

    @Param({ "BUSY_SPIN", "BACKOFF" })
    public SpokeIdle idle;

    @Param({ "join", "spin" })
    public String await;

    private BenchPool pool;
    private Closure<Integer, Integer> noOp;
    private TaskFarm farm;

    @Setup(Level.Trial)
    public void setUp()
    {
        try
        {
            pool = BenchPool.start(1, idle);
            noOp = pool.pool().define("no-op", Tasks.NO_OP);
            farm = pool.pool().taskFarm().start();
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
    public Integer roundTrip()
    {
        final CompletableFuture<Integer> result = farm.submit(noOp, ARGUMENT);
        if ("spin".equals(await))
        {
            while (!result.isDone())
            {
                Thread.onSpinWait();
            }
        }
        return result.join();
    }
}

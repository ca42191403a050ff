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
import org.spm4j.ErrorPolicy;
import org.spm4j.SpokeIdle;
import org.spm4j.TaskFailure;
import org.spm4j.TaskFarm;

/**
 * Tasks that throw: the spoke writes each failure to the error journal and reports its index, the hub
 * reads the record back and hands it to the error policy, here a handler that counts failures and ignores
 * them (the task's result is null). {@code failureLatency}: one failing task, from {@code submit} until
 * its future completes, which is after the policy has decided. {@code failureThroughput}: a {@code map} of
 * {@link #TASKS} failing tasks; it throws unless the policy saw exactly one failure per task, so no record
 * was lost.
 */
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {
    AGRONA_MISC, CHRONICLE_NIO_CH_EXPORTS, CHRONICLE_REFLECT, CHRONICLE_REF, CHRONICLE_LANG, CHRONICLE_NIO,
    CHRONICLE_NIO_CH_OPENS, CHRONICLE_MISC, QUIET_ANALYTICS, QUIET_ANNOUNCER, QUIET_PERF_INFO, NO_BOUNDS_CHECKS })
@State(Scope.Benchmark)
public class ErrorPathBenchmark
{
    static final int TASKS = 1000;

    @Param({ "1", "2" })
    public int spokes;

    private final List<Integer> arguments = new ArrayList<>(TASKS);
    private BenchPool pool;
    private Closure<Integer, Integer> fail;
    private TaskFarm farm;
    // written on the hub thread, read by the benchmark thread after the farm has answered
    private volatile long failuresSeen;

    @Setup(Level.Trial)
    public void setUp()
    {
        for (int i = 0; i < TASKS; i++)
        {
            arguments.add(i);
        }
        try
        {
            pool = BenchPool.start(spokes, SpokeIdle.BACKOFF);
            fail = pool.pool().define("fail", Tasks.FAIL);
            farm = pool.pool().taskFarm().errorPolicy(this::countAndIgnore).start();
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
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Integer failureLatency()
    {
        return farm.submit(fail, 1).join();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(TASKS)
    public int failureThroughput()
    {
        final long before = failuresSeen;
        final List<Integer> results = farm.map(fail, arguments);
        final long seen = failuresSeen - before;
        if (seen != TASKS)
        {
            throw new IllegalStateException("the policy saw " + seen + " failures of " + TASKS + " failed tasks");
        }
        return results.size();
    }

    private ErrorPolicy.Decision countAndIgnore(final TaskFailure failure)
    {
        failuresSeen++;
        return ErrorPolicy.Decision.IGNORE;
    }
}

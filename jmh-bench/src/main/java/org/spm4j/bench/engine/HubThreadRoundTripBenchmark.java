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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.spm4j.Closure;
import org.spm4j.SpokeIdle;
import org.spm4j.TaskFarm;
import org.spm4j.TaskStatus;

/**
 * The hub-to-spoke-to-hub path without the caller's thread: a busy-spinning pool of one spoke, whose status
 * callback, on the hub thread, submits the next no-op task as soon as one completes. One invocation is a
 * chain of {@link #CHAIN} such round trips, sampled as its time per round trip. Set beside
 * {@link TaskRoundTripBenchmark}, it tells the engine's own path from the hand-offs between the caller's
 * thread and the hub thread.
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
public class HubThreadRoundTripBenchmark
{
    static final int CHAIN = 1000;

    private static final Integer ARGUMENT = 7;

    private BenchPool pool;
    private Closure<Integer, Integer> noOp;
    private TaskFarm farm;
    // hub thread only, but for the start of a chain, which happens-before through the farm's submit
    private int remaining;
    private volatile CompletableFuture<Void> chainDone;

    @Setup(Level.Trial)
    public void setUp()
    {
        try
        {
            pool = BenchPool.start(1, SpokeIdle.BUSY_SPIN);
            noOp = pool.pool().define("no-op", Tasks.NO_OP);
            farm = pool.pool().taskFarm().onStatus(this::next).start();
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
    @OperationsPerInvocation(CHAIN)
    public void chainedRoundTrips()
    {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        chainDone = done;
        remaining = CHAIN;
        farm.submit(noOp, ARGUMENT);
        done.join();
    }

    private void next(final TaskStatus status)
    {
        if (TaskStatus.State.COMPLETED != status.state())
        {
            chainDone.completeExceptionally(new IllegalStateException("task " + status.taskId() + " " +
                status.state()));
        }
        else if (--remaining > 0)
        {
            farm.submit(noOp, ARGUMENT);
        }
        else
        {
            chainDone.complete(null);
        }
    }
}

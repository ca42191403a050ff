package org.spm4j.bench.peer;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
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

/**
 * The in-JVM peers of a task hand-off: a no-op task given to one worker thread of a
 * {@link ThreadPoolExecutor} or a {@link ForkJoinPool}, the caller waiting for its result. {@code roundTrip}
 * waits for each task; {@code throughput} submits {@link #TASKS} tasks, then waits for them all.
 */
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(1)
@State(Scope.Benchmark)
public class ExecutorHandOffBenchmark
{
    /** Tasks per {@code throughput} operation. */
    public static final int TASKS = 1000;

    private static final Callable<Integer> NO_OP = () -> 7;

    @Param({ "ThreadPoolExecutor", "ForkJoinPool" })
    public String executor;

    private final Future<?>[] futures = new Future<?>[TASKS];
    private ExecutorService service;

    @Setup(Level.Trial)
    public void setUp()
    {
        service = "ForkJoinPool".equals(executor) ? new ForkJoinPool(1) :
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException
    {
        service.shutdownNow();
        service.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Object roundTrip() throws InterruptedException, ExecutionException
    {
        return service.submit(NO_OP).get();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(TASKS)
    public Object throughput() throws InterruptedException, ExecutionException
    {
        for (int i = 0; i < TASKS; i++)
        {
            futures[i] = service.submit(NO_OP);
        }
        Object last = null;
        for (int i = 0; i < TASKS; i++)
        {
            last = futures[i].get();
        }
        return last;
    }
}

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
 * The hub's cost per task as spokes are added: an operation runs {@link #TASKS} no-op tasks on a pool of
 * {@code spokes} spokes idling with the default backoff. Parameter {@code feed}: {@code submit}, one {@code submit}
 * each on a farm of window 1000, then every result waited for, so that every task is one status for the hub to
 * read; or {@code map}, one {@code map} over them in the default chunks. The primary figure is tasks per second,
 * statuses per second for {@code submit}; the secondary figures ({@link HubCpu}) are the hub's CPU time per second,
 * which {@code ScalingReport} divides by tasks per second. While there are cores for the spokes, neither should
 * worsen as spokes are added.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {
    AGRONA_MISC, CHRONICLE_NIO_CH_EXPORTS, CHRONICLE_REFLECT, CHRONICLE_REF, CHRONICLE_LANG, CHRONICLE_NIO,
    CHRONICLE_NIO_CH_OPENS, CHRONICLE_MISC, QUIET_ANALYTICS, QUIET_ANNOUNCER, QUIET_PERF_INFO, NO_BOUNDS_CHECKS })
@State(Scope.Benchmark)
public class SpokeScalingBenchmark
{
    static final int TASKS = 4096;
    static final String SUBMIT = "submit";
    static final String MAP = "map";
    private static final int SUBMIT_WINDOW = 1000;

    @Param({ "1", "2", "4", "8", "16", "32" })
    public int spokes;

    @Param({ SUBMIT, MAP })
    public String feed;

    private final List<Integer> arguments = new ArrayList<>(TASKS);
    private final List<CompletableFuture<Integer>> results = new ArrayList<>(TASKS);
    private BenchPool pool;
    private Closure<Integer, Integer> noOp;
    private TaskFarm farm;
    private HubCpu.Clocks clocks;

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
            noOp = pool.pool().define("no-op", Tasks.NO_OP);
            final TaskFarm.Builder builder = pool.pool().taskFarm();
            farm = (SUBMIT.equals(feed) ? builder.window(SUBMIT_WINDOW) : builder).start();
            clocks = HubCpu.Clocks.ofHub();
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
    public int tasks(final HubCpu cpu)
    {
        final long[] before = clocks.read();
        final int sum = SUBMIT.equals(feed) ? submitEach() : mapAll();
        cpu.add(TASKS, before, clocks.read());
        return sum;
    }

    private int submitEach()
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

    private int mapAll()
    {
        int sum = 0;
        for (final int result : farm.map(noOp, arguments))
        {
            sum += result;
        }
        return sum;
    }
}

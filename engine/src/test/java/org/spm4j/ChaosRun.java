package org.spm4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.spm4j.internal.local.LocalPool;
import org.spm4j.internal.PoolSnapshot;

/**
 * A workload run while a chaos thread ({@link SpokeChaos}) kills spokes, or stops them, or kills every spoke JVM
 * of the hub: every result must be there and exact (or the run must end in a clean {@link ParallelException}),
 * every spoke hit must be seen lost by the hub, every failure must have its journal record, and no spoke may
 * outlive the pool. {@link ChaosTest} runs short versions; {@code scripts/chaos} runs {@link ChaosMain} for the
 * long ones.
 */
public final class ChaosRun
{
    /**
     * What a run did.
     *
     * @param tasks        tasks run in the rounds that completed.
     * @param kills        spokes the chaos thread SIGKILLed.
     * @param stops        spokes the chaos thread SIGSTOPped.
     * @param spokesLost   spoke deaths the hub noticed.
     * @param failures     failures the error policy saw.
     * @param recordless   failures without a journal record.
     * @param wrongResults results missing or not as computed serially.
     * @param orphans      spoke processes hit or left that were still alive after the pool closed.
     * @param leftovers    files left under the pool root after the pool closed.
     * @param wallMs       wall time of the run.
     * @param failed       the {@link ParallelException} that ended the run, null if every round completed.
     */
    public record Figures(long tasks, int kills, int stops, long spokesLost, int failures, int recordless,
        long wrongResults, int orphans, int leftovers, long wallMs, ParallelException failed)
    {
        /**
         * @return true if every round completed with exact results, or the run ended in a {@link ParallelException}
         *         whose every failure has its journal record; and no failure lacked its record, no spoke or file
         *         outlived the pool.
         */
        public boolean clean()
        {
            return 0 == wrongResults && 0 == recordless && 0 == orphans && 0 == leftovers && (null == failed ||
                !failed.failures().isEmpty() && failed.failures().stream().allMatch(f -> f.journalIndex() >= 0));
        }

        @Override
        public String toString()
        {
            return String.format("tasks %,d, kills %d%s, spokes lost %d, failures %d (retried), records missing %d, " +
                "wrong results %d, orphan spokes %d, files left %d, wall time %.1f s%s", tasks, kills,
                0 == stops ? "" : ", stops " + stops, spokesLost, failures, recordless, wrongResults, orphans,
                leftovers, wallMs / 1000.0, null == failed ? "" : "; ended by " + describe(failed));
        }

        private static String describe(final ParallelException failed)
        {
            final Map<FailureKind, Long> kinds = failed.failures().stream()
                .collect(Collectors.groupingBy(TaskFailure::kind, TreeMap::new, Collectors.counting()));
            return "ParallelException " + kinds + (failed.failures().isEmpty() ? ": " + failed.getMessage() :
                ", the first: " + failed.failures().get(0));
        }
    }

    /**
     * How a run hits its pool.
     *
     * @param mode     what the chaos thread does.
     * @param spokes   spokes of the pool.
     * @param periodMs how often the chaos thread acts.
     * @param chaosMs  how long it acts, from when the pool is built.
     * @param roundsMs how long, from then, new rounds of the workload may start.
     */
    record Plan(ChaosMode mode, int spokes, long periodMs, long chaosMs, long roundsMs)
    {
        /**
         * @return the same plan with the chaos thread acting {@code factor} times less often.
         */
        Plan slower(final int factor)
        {
            return new Plan(mode, spokes, factor * periodMs, chaosMs, roundsMs);
        }
    }

    /**
     * What runs under chaos, in rounds: given the pool and a policy that retries what chaos causes, it runs
     * rounds until it has run its tasks or {@code another} says stop, and tallies each completed round.
     */
    interface Workload
    {
        /**
         * @param pool    the pool.
         * @param policy  retries crashes and frozen spokes, fails fast on anything else.
         * @param another false once no more rounds should start.
         * @param tally   counts tasks and wrong results of each round that completed.
         */
        void run(Pool pool, ErrorPolicy policy, BooleanSupplier another, Tally tally);
    }

    /**
     * Tasks and wrong results of the rounds that completed. Owned by the workload's thread.
     */
    static final class Tally
    {
        private long tasks;
        private long wrong;

        void add(final long roundTasks, final long roundWrong)
        {
            tasks += roundTasks;
            wrong += roundWrong;
        }
    }

    private ChaosRun()
    {
    }

    /**
     * @param tasks   tasks in all.
     * @param perMap  tasks per {@code map} call.
     * @return a task farm computing {@code 3x + 1} for each task, in maps of {@code perMap}.
     */
    static Workload farm(final int tasks, final int perMap)
    {
        return (pool, policy, another, tally) ->
        {
            final Closure<Integer, Long> affine = pool.define("affine", (Integer x) -> 3L * x + 1);
            int from = 0;
            try (TaskFarm farm = pool.taskFarm().window(64).errorPolicy(policy).start())
            {
                while (from < tasks && another.getAsBoolean())
                {
                    final List<Integer> arguments = range(from, Math.min(tasks, from + perMap));
                    tally.add(arguments.size(), countWrong(farm.map(affine, arguments), arguments, x -> 3L * x + 1));
                    from += arguments.size();
                }
            }
        };
    }

    /**
     * @param tasks  tasks in all.
     * @param perMap tasks per {@code map} call.
     * @return a coordinator whose tasks each ask the hub to double their argument.
     */
    static Workload coordinator(final int tasks, final int perMap)
    {
        return (pool, policy, another, tally) ->
        {
            final Closure<Integer, Integer> asks = pool.define("asks", (Integer x) -> Coordinator.<Integer>ask(x) + 1);
            int from = 0;
            try (Coordinator coordinator = pool.coordinator().window(16).errorPolicy(policy)
                .onRequest(request -> 2 * (Integer)request.message()).start())
            {
                while (from < tasks && another.getAsBoolean())
                {
                    final List<Integer> arguments = range(from, Math.min(tasks, from + perMap));
                    tally.add(arguments.size(), countWrong(coordinator.map(asks, arguments), arguments,
                        x -> 2 * x + 1));
                    from += arguments.size();
                }
            }
        };
    }

    /**
     * @param runs crew runs.
     * @return a crew of one rank per spoke summing its ranks with {@code allReduce}, run {@code runs} times.
     */
    static Workload crew(final int runs)
    {
        return (pool, policy, another, tally) ->
        {
            final int size = pool.spokeCount();
            final Closure<Long, Long> sum = pool.define("sum", (Long base) ->
                Crew.allReduce(new long[] {base + Crew.rank()}, ReduceOp.SUM)[0]);
            long run = 0;
            try (Crew crew = pool.crew().size(size).errorPolicy(policy).start())
            {
                while (run < runs && another.getAsBoolean())
                {
                    final long expected = size * run + (long)size * (size - 1) / 2;
                    final List<Long> results = crew.run(sum, run);
                    tally.add(size, size - results.size() + results.stream().filter(r -> expected != r).count());
                    run++;
                }
            }
        };
    }

    /**
     * Run a workload on a new pool under {@code root} while the chaos thread hits its spokes for
     * {@code plan.chaosMs()}; rounds start for {@code plan.roundsMs()}, and the round under way then finishes.
     * A {@link ParallelException} ends the run and is in the figures; any other exception is thrown, after the
     * pool is closed and every stopped spoke killed.
     *
     * @param root     a directory for the pool; it must be empty afterwards.
     * @param plan     how to hit the pool.
     * @param workload what to run.
     * @return the figures.
     */
    static Figures run(final Path root, final Plan plan, final Workload workload)
    {
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger recordless = new AtomicInteger();
        final ErrorPolicy retryChaos = failure ->
        {
            failures.incrementAndGet();
            recordless.addAndGet(failure.journalIndex() < 0 ? 1 : 0);
            return switch (failure.kind())
            {
                case SPOKE_CRASHED, SPOKE_UNRESPONSIVE, CREW_FAILED -> ErrorPolicy.Decision.RETRY;
                default -> ErrorPolicy.Decision.FAIL_FAST;
            };
        };
        final long startNs = System.nanoTime();
        final Tally tally = new Tally();
        final Set<Long> pids = new HashSet<>();
        ParallelException failed = null;
        final long lost;
        try (SpokeChaos chaos = new SpokeChaos(plan.mode(), plan.periodMs()))
        {
            try (Pool pool = build(root, plan))
            {
                final Path poolFile = ((LocalPool)pool).directory().resolve("pool.shm");
                final long chaosStartNs = System.nanoTime();
                chaos.start(poolFile, endNs(chaosStartNs, plan.chaosMs()));
                final long roundsEndNs = endNs(chaosStartNs, plan.roundsMs());
                try
                {
                    workload.run(pool, retryChaos, () -> System.nanoTime() < roundsEndNs, tally);
                }
                catch (final ParallelException ex)
                {
                    failed = ex;
                }
                finally
                {
                    chaos.stop();
                }
                lost = awaitSpokesLost(poolFile, chaos.kills() + chaos.stops());
                pids.addAll(livePids(poolFile));
            }
            pids.addAll(chaos.hitPids());
            return new Figures(tally.tasks, chaos.kills(), chaos.stops(), lost, failures.get(), recordless.get(),
                tally.wrong, (int)pids.stream().filter(ChaosRun::isAlive).count(), countFiles(root),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs), failed);
        }
    }

    /**
     * A stopped spoke is only caught by its heartbeat; the shortest timeout allowed keeps a stop mode run short.
     */
    private static Pool build(final Path root, final Plan plan)
    {
        final PoolBuilder builder = Pool.builder().spokes(plan.spokes()).root(root).startTimeout(Duration.ofMinutes(1));
        return (ChaosMode.STOP == plan.mode() ? builder.spokeHeartbeatTimeout(Duration.ofSeconds(1)) : builder)
            .build();
    }

    private static long endNs(final long startNs, final long durationMs)
    {
        return Long.MAX_VALUE == durationMs ? Long.MAX_VALUE : startNs + TimeUnit.MILLISECONDS.toNanos(durationMs);
    }

    private static long awaitSpokesLost(final Path poolFile, final int kills)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long lost = spokesLost(poolFile);
        while (lost < kills && System.nanoTime() < deadlineNs)
        {
            Thread.onSpinWait();
            lost = spokesLost(poolFile);
        }
        return lost;
    }

    private static long spokesLost(final Path poolFile)
    {
        return PoolSnapshot.read(poolFile, System.currentTimeMillis()).totals().getOrDefault("spokes lost", 0L);
    }

    private static List<Long> livePids(final Path poolFile)
    {
        return PoolSnapshot.read(poolFile, System.currentTimeMillis()).spokes().stream().map(PoolSnapshot.Spoke::pid)
            .toList();
    }

    private static boolean isAlive(final long pid)
    {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static int countFiles(final Path root)
    {
        if (!Files.exists(root))
        {
            return 0;
        }
        try (var files = Files.walk(root))
        {
            return (int)files.filter(Files::isRegularFile).count();
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    private static <R> long countWrong(final List<R> results, final List<Integer> arguments,
        final Function<Integer, R> expected)
    {
        long wrong = Math.abs(results.size() - arguments.size());
        for (int i = 0; i < Math.min(results.size(), arguments.size()); i++)
        {
            wrong += expected.apply(arguments.get(i)).equals(results.get(i)) ? 0 : 1;
        }
        return wrong;
    }

    private static List<Integer> range(final int from, final int to)
    {
        final List<Integer> range = new ArrayList<>(to - from);
        for (int i = from; i < to; i++)
        {
            range.add(i);
        }
        return range;
    }
}

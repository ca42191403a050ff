package org.spm4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.spm4j.internal.local.LocalPool;
import org.spm4j.internal.PoolSnapshot;
import org.spm4j.shm.SpokeState;

/**
 * A workload run while a chaos thread SIGKILLs a random live spoke at a fixed period: every result must be
 * there and exact, every kill must be seen by the hub, every failure must have its journal record, and no
 * spoke may outlive the pool. {@link ChaosTest} runs short versions; {@code scripts/chaos} runs
 * {@link #main(String[])} for the long one and prints the figures.
 */
public final class ChaosRun
{
    /**
     * What a run did.
     *
     * @param tasks          tasks run.
     * @param kills          spokes the chaos thread killed.
     * @param spokesLost     spoke deaths the hub noticed.
     * @param failures       failures the error policy saw.
     * @param recordless     failures without a journal record.
     * @param wrongResults   results missing or not as computed serially.
     * @param orphans        spoke processes still alive after the pool closed.
     * @param leftovers      files left under the pool root after the pool closed.
     * @param wallMs         wall time of the run.
     */
    public record Figures(long tasks, int kills, long spokesLost, int failures, int recordless, long wrongResults,
        int orphans, int leftovers, long wallMs)
    {
        @Override
        public String toString()
        {
            return String.format("tasks %,d, kills %d, spokes lost %d, failures %d (retried), records missing %d, " +
                "wrong results %d, orphan spokes %d, files left %d, wall time %.1f s", tasks, kills, spokesLost,
                failures, recordless, wrongResults, orphans, leftovers, wallMs / 1000.0);
        }
    }

    /**
     * What runs under chaos, in rounds: given the pool and a policy that retries crashes, it runs rounds until
     * it has run its tasks or {@code another} says stop, and counts tasks and wrong results.
     */
    interface Workload
    {
        /**
         * @param pool    the pool.
         * @param policy  retries crashes, fails fast on anything else.
         * @param another false once no more rounds should start.
         * @return how many tasks ran and how many results were wrong.
         */
        long[] run(Pool pool, ErrorPolicy policy, BooleanSupplier another);
    }

    private ChaosRun()
    {
    }

    /**
     * @param args {@code [tasks] [kill period ms] [spokes]}; defaults 1,000,000, 200 and 2. The coordinator runs
     *             a twentieth of the tasks; the crew runs a two-hundredth as often, with a spoke killed five times
     *             less often, as a crew rerun restarts every spoke.
     * @throws IOException if the pool root cannot be made or emptied.
     */
    public static void main(final String[] args) throws IOException
    {
        final int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final long killEveryMs = args.length > 1 ? Long.parseLong(args[1]) : 200;
        final int spokes = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        final Path root = Files.createTempDirectory(Path.of("/dev/shm"), "spm4j-chaos");
        System.out.println("task farm, " + spokes + " spokes, a spoke SIGKILLed every " + killEveryMs + " ms");
        System.out.println("  " + runIn(root, "farm", spokes, killEveryMs, farm(tasks, 10_000)));
        System.out.println("coordinator, every task asks the hub, same kills");
        System.out.println("  " + runIn(root, "coordinator", spokes, killEveryMs, coordinator(tasks / 20, 1_000)));
        System.out.println("crew, allReduce over every rank, a spoke SIGKILLed every " + 5 * killEveryMs + " ms");
        System.out.println("  " + runIn(root, "crew", spokes, 5 * killEveryMs, crew(tasks / 200)));
        Files.delete(root);
    }

    private static Figures runIn(
        final Path root, final String name, final int spokes, final long killEveryMs, final Workload workload)
        throws IOException
    {
        final Figures figures = run(root.resolve(name), spokes, killEveryMs, Long.MAX_VALUE, workload);
        Files.deleteIfExists(root.resolve(name));
        return figures;
    }

    /**
     * @param tasks   tasks in all.
     * @param perMap  tasks per {@code map} call.
     * @return a task farm computing {@code 3x + 1} for each task, in maps of {@code perMap}.
     */
    static Workload farm(final int tasks, final int perMap)
    {
        return (pool, policy, another) ->
        {
            final Closure<Integer, Long> affine = pool.define("affine", (Integer x) -> 3L * x + 1);
            long wrong = 0;
            int from = 0;
            try (TaskFarm farm = pool.taskFarm().window(64).errorPolicy(policy).start())
            {
                while (from < tasks && another.getAsBoolean())
                {
                    final List<Integer> arguments = range(from, Math.min(tasks, from + perMap));
                    wrong += countWrong(farm.map(affine, arguments), arguments, x -> 3L * x + 1);
                    from += arguments.size();
                }
            }
            return new long[] {from, wrong};
        };
    }

    /**
     * @param tasks  tasks in all.
     * @param perMap tasks per {@code map} call.
     * @return a coordinator whose tasks each ask the hub to double their argument.
     */
    static Workload coordinator(final int tasks, final int perMap)
    {
        return (pool, policy, another) ->
        {
            final Closure<Integer, Integer> asks = pool.define("asks", (Integer x) -> Coordinator.<Integer>ask(x) + 1);
            long wrong = 0;
            int from = 0;
            try (Coordinator coordinator = pool.coordinator().window(16).errorPolicy(policy)
                .onRequest(request -> 2 * (Integer)request.message()).start())
            {
                while (from < tasks && another.getAsBoolean())
                {
                    final List<Integer> arguments = range(from, Math.min(tasks, from + perMap));
                    wrong += countWrong(coordinator.map(asks, arguments), arguments, x -> 2 * x + 1);
                    from += arguments.size();
                }
            }
            return new long[] {from, wrong};
        };
    }

    /**
     * @param runs crew runs.
     * @return a crew of one rank per spoke summing its ranks with {@code allReduce}, run {@code runs} times.
     */
    static Workload crew(final int runs)
    {
        return (pool, policy, another) ->
        {
            final int size = pool.spokeCount();
            final Closure<Long, Long> sum = pool.define("sum", (Long base) ->
                Crew.allReduce(new long[] {base + Crew.rank()}, ReduceOp.SUM)[0]);
            long wrong = 0;
            long run = 0;
            try (Crew crew = pool.crew().size(size).errorPolicy(policy).start())
            {
                while (run < runs && another.getAsBoolean())
                {
                    final long expected = size * run + (long)size * (size - 1) / 2;
                    for (final Long result : crew.run(sum, run))
                    {
                        wrong += expected == result ? 0 : 1;
                    }
                    run++;
                }
            }
            return new long[] {run * size, wrong};
        };
    }

    /**
     * Run a workload on a new pool under {@code root} while a spoke is killed every {@code killEveryMs}, for at
     * most {@code chaosMs}: then the kills stop, the round under way finishes, and no other starts.
     *
     * @param root        a directory for the pool; it must be empty afterwards.
     * @param spokes      spokes of the pool.
     * @param killEveryMs kill period.
     * @param chaosMs     how long to kill spokes.
     * @param workload    what to run.
     * @return the figures.
     */
    static Figures run(
        final Path root, final int spokes, final long killEveryMs, final long chaosMs, final Workload workload)
    {
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger recordless = new AtomicInteger();
        final ErrorPolicy retryCrashes = failure ->
        {
            failures.incrementAndGet();
            recordless.addAndGet(failure.journalIndex() < 0 ? 1 : 0);
            return FailureKind.SPOKE_CRASHED == failure.kind() || FailureKind.CREW_FAILED == failure.kind() ?
                ErrorPolicy.Decision.RETRY : ErrorPolicy.Decision.FAIL_FAST;
        };
        final long startNs = System.nanoTime();
        final Set<Long> pids = new HashSet<>();
        final long[] outcome;
        final int kills;
        final long lost;
        try (Pool pool = Pool.builder().spokes(spokes).root(root).startTimeout(Duration.ofMinutes(1)).build())
        {
            final Path poolFile = ((LocalPool)pool).directory().resolve("pool.shm");
            final long chaosEndNs = chaosMs == Long.MAX_VALUE ? Long.MAX_VALUE :
                startNs + TimeUnit.MILLISECONDS.toNanos(chaosMs);
            final Killer killer = new Killer(poolFile, killEveryMs, chaosEndNs, pids);
            killer.start();
            try
            {
                outcome = workload.run(pool, retryCrashes, () -> System.nanoTime() < chaosEndNs);
            }
            finally
            {
                killer.stopAndJoin();
            }
            kills = killer.killed.size();
            lost = awaitSpokesLost(poolFile, kills);
            pids.addAll(livePids(poolFile));
        }
        return new Figures(outcome[0], kills, lost, failures.get(), recordless.get(), outcome[1],
            (int)pids.stream().filter(ChaosRun::isAlive).count(), countFiles(root),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
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

    /**
     * Kills a random READY or BUSY spoke every period; a spoke still starting is left alone, as a spoke is
     * only a spoke once it serves the pool, and so is one already killed that the hub has not buried yet.
     */
    private static final class Killer extends Thread
    {
        private final Path poolFile;
        private final long periodMs;
        private final long endNs;
        private final Set<Long> pids;
        private final Random random = new Random(42);
        private final Set<Long> killed = new HashSet<>();
        private volatile boolean running = true;

        Killer(final Path poolFile, final long periodMs, final long endNs, final Set<Long> pids)
        {
            super("spm4j-chaos");
            this.poolFile = poolFile;
            this.periodMs = periodMs;
            this.endNs = endNs;
            this.pids = pids;
        }

        @Override
        public void run()
        {
            while (running && System.nanoTime() < endNs)
            {
                try
                {
                    Thread.sleep(periodMs);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
                final List<PoolSnapshot.Spoke> live = PoolSnapshot.read(poolFile, System.currentTimeMillis()).spokes()
                    .stream().filter(spoke -> SpokeState.READY == spoke.state() || SpokeState.BUSY == spoke.state())
                    .filter(spoke -> !killed.contains(spoke.pid())).toList();
                if (running && !live.isEmpty())
                {
                    final long pid = live.get(random.nextInt(live.size())).pid();
                    synchronized (pids)
                    {
                        pids.add(pid);
                    }
                    if (ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false))
                    {
                        killed.add(pid);
                    }
                }
            }
        }

        void stopAndJoin()
        {
            running = false;
            interrupt();
            try
            {
                join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}

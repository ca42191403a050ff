package org.spm4j.examples;

import java.io.PrintWriter;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;

import org.spm4j.Closure;
import org.spm4j.Pool;
import org.spm4j.TaskFarm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Monte Carlo estimate of pi as a task farm {@code map}: each task throws darts at the unit square from a
 * random generator seeded for that task alone, so the estimate is the same, bit for bit, serially and on
 * any number of spokes.
 */
@Command(
    name = "pi",
    header = "Monte Carlo pi: a task farm map, a seed per task.",
    description = "Estimates pi by Monte Carlo with a task farm: each task throws darts at the unit square " +
        "with a seed of its own, and the hub adds up the darts inside the quarter circle. Runs serially, then on " +
        "spokes, and checks that both estimates are identical.")
public final class PiExample implements Callable<Integer>
{
    @Mixin
    private PoolOptions pools;

    @Option(names = "--tasks", paramLabel = "COUNT", description = "Tasks (default: ${DEFAULT-VALUE}).")
    private int tasks = 64;

    @Option(names = "--darts", paramLabel = "COUNT", description = "Darts per task (default: ${DEFAULT-VALUE}).")
    private long darts = 10_000_000;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the task seeds (default: ${DEFAULT-VALUE}).")
    private long seed = 42;

    @Spec
    private CommandSpec spec;

    /**
     * @param args the options; {@code --help} lists them.
     */
    public static void main(final String[] args)
    {
        System.exit(Examples.execute(new PiExample(), args));
    }

    /**
     * Estimates pi serially, then on spokes.
     *
     * @return 0 when both estimates are identical.
     */
    @Override
    public Integer call()
    {
        if (tasks < 1 || darts < 1)
        {
            throw new IllegalArgumentException("--tasks and --darts must be at least 1");
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.printf("pi: %d tasks of %,d darts each, task seeds from seed %d%n", tasks, darts, seed);
        final SerialVsLocal<Long> hits =
            SerialVsLocal.run(pools, builder -> builder, pool -> countHits(pool, tasks, darts, seed), out);
        final double pi = estimate(hits.serial(), tasks * darts);
        final boolean identical = hits.serial().equals(hits.local());
        out.printf("pi is about %.8f, off by %.2e; the serial and parallel estimates are %s%n",
            pi, Math.abs(pi - Math.PI), identical ? "identical" : "DIFFERENT");
        return identical ? Examples.OK : Examples.FAILED;
    }

    /**
     * The parallel part: one task per seed, the hits added up on the hub.
     *
     * @param pool  any pool.
     * @param tasks how many tasks.
     * @param darts darts per task.
     * @param seed  where the task seeds come from.
     * @return darts inside the quarter circle, of {@code tasks * darts}.
     */
    static long countHits(final Pool pool, final int tasks, final long darts, final long seed)
    {
        final Closure<Long, Long> throwDarts = pool.define("throw-darts", (Long taskSeed) -> hits(taskSeed, darts));
        final SplittableRandom seeds = new SplittableRandom(seed);
        final List<Long> taskSeeds = LongStream.range(0, tasks).map(task -> seeds.nextLong()).boxed().toList();
        try (TaskFarm farm = pool.taskFarm().start())
        {
            return farm.map(throwDarts, taskSeeds).stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * @param hits  darts inside the quarter circle.
     * @param darts all darts.
     * @return the estimate of pi.
     */
    static double estimate(final long hits, final long darts)
    {
        return 4.0 * hits / darts;
    }

    private static long hits(final long taskSeed, final long darts)
    {
        final SplittableRandom random = new SplittableRandom(taskSeed);
        long hits = 0;
        for (long i = 0; i < darts; i++)
        {
            final double x = random.nextDouble();
            final double y = random.nextDouble();
            if (x * x + y * y <= 1.0)
            {
                hits++;
            }
        }
        return hits;
    }
}

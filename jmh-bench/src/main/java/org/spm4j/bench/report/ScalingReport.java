package org.spm4j.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the table of a run of {@code SpokeScalingBenchmark}: for each spoke count, tasks per second and the hub's
 * CPU time per task, with one {@code submit} per task (one status each) and with {@code map}. Arguments: the JMH
 * JSON result files of the run.
 */
public final class ScalingReport
{
    private static final String BENCHMARK = "SpokeScalingBenchmark.tasks";
    private static final String[] FEEDS = { "submit", "map" };

    /**
     * What one trial measured.
     *
     * @param rate             tasks per second.
     * @param jvmCpuPerTask    ns of the hub JVM's CPU time per task.
     * @param threadsCpuPerTask ns of the hub thread's and the caller's CPU time per task.
     */
    private record Trial(double rate, double jvmCpuPerTask, double threadsCpuPerTask)
    {
    }

    private ScalingReport()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        if (0 == args.length)
        {
            System.err.println("usage: ScalingReport <JMH JSON result file>...");
            System.exit(2);
        }
        final Map<Integer, Map<String, Trial>> trials = new TreeMap<>();
        for (final String file : args)
        {
            read(Path.of(file), trials);
        }
        System.out.print(markdown(trials));
    }

    private static void read(final Path file, final Map<Integer, Map<String, Trial>> trials) throws IOException
    {
        for (final Object entry : (List<?>)Json.parse(Files.readString(file)))
        {
            final Map<?, ?> result = (Map<?, ?>)entry;
            if (!String.valueOf(result.get("benchmark")).endsWith(BENCHMARK))
            {
                continue;
            }
            final Map<?, ?> params = (Map<?, ?>)result.get("params");
            final Map<?, ?> secondary = (Map<?, ?>)result.get("secondaryMetrics");
            final double tasks = score(secondary.get("tasks"));
            trials.computeIfAbsent(Integer.valueOf(String.valueOf(params.get("spokes"))), spokes -> new TreeMap<>())
                .put(String.valueOf(params.get("feed")), new Trial(score(result.get("primaryMetric")),
                    score(secondary.get("hubJvmCpuNs")) / tasks, score(secondary.get("hubThreadsCpuNs")) / tasks));
        }
    }

    private static double score(final Object metric)
    {
        return ((Double)((Map<?, ?>)metric).get("score")).doubleValue();
    }

    static String markdown(final Map<Integer, Map<String, Trial>> trials)
    {
        final StringBuilder out = new StringBuilder()
            .append("| spokes | statuses/s, one `submit` each | hub JVM CPU per status | hub and caller threads CPU ")
            .append("per status | tasks/s, `map` | hub JVM CPU per task | hub and caller threads CPU per task |\n")
            .append("|---|---|---|---|---|---|---|\n");
        trials.forEach((spokes, byFeed) ->
        {
            out.append("| ").append(spokes);
            for (final String feed : FEEDS)
            {
                final Trial trial = byFeed.get(feed);
                out.append(null == trial ? " | | | " : " | " + Unit.RATE.format(trial.rate()) + " | " +
                    Unit.NANOS.format(trial.jvmCpuPerTask()) + " | " + Unit.NANOS.format(trial.threadsCpuPerTask()));
            }
            out.append(" |\n");
        });
        return out.toString();
    }
}

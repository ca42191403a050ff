package org.spm4j.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The measurements of one run of the {@code bench} runner, round by round. A round is every file named
 * {@code round-<n>-<anything>.json} in the run's directory: either JMH's JSON result (an array), whose
 * entries become {@code Class.method[param=value,...] p50}, {@code ... p99}, {@code ... mean} in
 * nanoseconds or {@code ... rate} in operations per second; or {@code {"metrics": {name: number}}} as the
 * probes write. Immutable.
 */
public final class Rounds
{
    private static final Pattern ROUND_FILE = Pattern.compile("round-(\\d+)-.*\\.json");

    private final List<Map<String, Double>> rounds;

    /**
     * @param rounds each round's measurements by name.
     */
    public Rounds(final List<Map<String, Double>> rounds)
    {
        this.rounds = List.copyOf(rounds);
    }

    /**
     * @param directory a run's directory.
     * @return its rounds in order.
     * @throws IllegalArgumentException naming a file that cannot be read as a result.
     */
    public static Rounds load(final Path directory)
    {
        final Map<Integer, Map<String, Double>> byRound = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory))
        {
            for (final Path file : (Iterable<Path>)files.sorted()::iterator)
            {
                final Matcher matcher = ROUND_FILE.matcher(file.getFileName().toString());
                if (matcher.matches())
                {
                    final Map<String, Double> round =
                        byRound.computeIfAbsent(Integer.parseInt(matcher.group(1)), ignored -> new TreeMap<>());
                    read(file, round);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + directory, ex);
        }
        return new Rounds(new ArrayList<>(byRound.values()));
    }

    /**
     * @return how many rounds.
     */
    public int count()
    {
        return rounds.size();
    }

    /**
     * @param round from 0.
     * @return that round's measurements by name.
     */
    public Map<String, Double> round(final int round)
    {
        return rounds.get(round);
    }

    /**
     * Add one result file's measurements to a round.
     *
     * @param file  JMH's JSON result or a probe's metrics.
     * @param round where they go.
     */
    static void read(final Path file, final Map<String, Double> round)
    {
        final Object document;
        try
        {
            document = Json.parse(Files.readString(file));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(file + " is " + ex.getMessage(), ex);
        }
        if (document instanceof List<?> results)
        {
            results.forEach(result -> addJmhResult((Map<?, ?>)result, round));
        }
        else if (document instanceof Map<?, ?> object && object.get("metrics") instanceof Map<?, ?> metrics)
        {
            metrics.forEach((name, value) -> round.put((String)name, ((Number)value).doubleValue()));
        }
        else
        {
            throw new IllegalArgumentException(file + " is neither a JMH result nor {\"metrics\": {...}}");
        }
    }

    /**
     * @param result one entry of JMH's JSON result.
     * @param round  where its figures go.
     */
    static void addJmhResult(final Map<?, ?> result, final Map<String, Double> round)
    {
        final String benchmark = (String)result.get("benchmark");
        final String[] parts = benchmark.split("\\.");
        final StringBuilder name = new StringBuilder(parts[parts.length - 2]).append('.')
            .append(parts[parts.length - 1]);
        if (result.get("params") instanceof Map<?, ?> params)
        {
            name.append(new TreeMap<>(params).toString().replace('{', '[').replace('}', ']').replace(", ", ","));
        }
        final Map<?, ?> metric = (Map<?, ?>)result.get("primaryMetric");
        final String unit = (String)metric.get("scoreUnit");
        final double score = ((Number)metric.get("score")).doubleValue();
        if (unit.startsWith("ops/"))
        {
            round.put(name + " rate", score / seconds(unit.substring("ops/".length())));
            return;
        }
        final double nanos = seconds(unit.substring(0, unit.indexOf('/'))) * 1e9;
        final Map<?, ?> percentiles = (Map<?, ?>)metric.get("scorePercentiles");
        round.put(name + " mean", score * nanos);
        round.put(name + " p50", ((Number)percentiles.get("50.0")).doubleValue() * nanos);
        round.put(name + " p99", ((Number)percentiles.get("99.0")).doubleValue() * nanos);
    }

    private static double seconds(final String unit)
    {
        switch (unit)
        {
            case "ns":
                return 1e-9;
            case "us":
                return 1e-6;
            case "ms":
                return 1e-3;
            case "s":
                return 1;
            case "min":
                return 60;
            default:
                throw new IllegalArgumentException("unknown time unit " + unit);
        }
    }
}

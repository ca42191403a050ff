package org.spm4j.bench.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.spm4j.Closure;
import org.spm4j.SpokeIdle;
import org.spm4j.TaskFarm;
import org.spm4j.bench.report.Json;
import org.spm4j.internal.local.LocalPool;

/**
 * Resident memory, read from {@code /proc}: of the spokes of a local pool of 2 with the default spoke JVM
 * options, idle after start and idle again after a map of {@link #TASKS} no-op tasks; and this hub's peak while
 * that map runs. Then the same for spokes given {@link #RAISED_SPOKE_OPTIONS}, to show what raising the defaults
 * costs. Not a JMH benchmark: it runs in a JVM of its own, started by the {@code bench} runner with the protocol's
 * flags. Writes {@code {"metrics": {...}}} in bytes to the file named by its argument.
 */
public final class MemoryProbe
{
    static final int TASKS = 1_000_000;

    /** A young generation four times the default's, as a user whose tasks allocate much might give spokes. */
    static final List<String> RAISED_SPOKE_OPTIONS = List.of("-Xmn64m");

    // the JVM hands compiler arenas back every 5 s; the default trim returns them to the system at its next interval
    private static final long SETTLE_MS = 7_500;
    private static final long SAMPLE_MS = 5;

    private MemoryProbe()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final List<Integer> arguments = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++)
        {
            arguments.add(i);
        }
        final Map<String, Double> metrics = new LinkedHashMap<>();
        measure("memory.", List.of(), arguments, metrics);
        measure("memory.raised.", RAISED_SPOKE_OPTIONS, arguments, metrics);
        Files.writeString(Path.of(args[0]), Json.object("metrics", metrics));
    }

    private static void measure(
        final String prefix,
        final List<String> spokeOptions,
        final List<Integer> arguments,
        final Map<String, Double> metrics) throws InterruptedException
    {
        try (BenchPool pool = BenchPool.start(2, SpokeIdle.BACKOFF, spokeOptions))
        {
            final LocalPool local = (LocalPool)pool.pool();
            Thread.sleep(SETTLE_MS);
            metrics.put(prefix + "idleSpoke rss", (double)maxSpokeRss(local));

            final Closure<Integer, Integer> noOp = local.define("no-op", Tasks.NO_OP);
            final AtomicLong peak = new AtomicLong(rssBytes("self"));
            final Thread sampler = new Thread(() -> samplePeak(peak), "rss-sampler");
            sampler.setDaemon(true);
            sampler.start();
            try (TaskFarm farm = local.taskFarm().start())
            {
                if (farm.map(noOp, arguments).size() != TASKS)
                {
                    throw new IllegalStateException("the map lost results");
                }
            }
            sampler.interrupt();
            sampler.join();
            metrics.put(prefix + "hubDuringMap rss", (double)peak.get());

            Thread.sleep(SETTLE_MS);
            metrics.put(prefix + "idleSpokeAfterMap rss", (double)maxSpokeRss(local));
        }
    }

    private static void samplePeak(final AtomicLong peak)
    {
        while (!Thread.currentThread().isInterrupted())
        {
            peak.accumulateAndGet(rssBytes("self"), Math::max);
            try
            {
                Thread.sleep(SAMPLE_MS);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
        }
    }

    private static long maxSpokeRss(final LocalPool pool)
    {
        long max = 0;
        for (int spokeId = 0; spokeId < pool.spokeCount(); spokeId++)
        {
            max = Math.max(max, rssBytes(Long.toString(pool.spokePid(spokeId))));
        }
        return max;
    }

    /**
     * @param pid a process id, or "self".
     * @return its resident set size from {@code /proc/<pid>/status}.
     */
    static long rssBytes(final String pid)
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc", pid, "status")))
            {
                if (line.startsWith("VmRSS:"))
                {
                    return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

package org.spm4j;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.spm4j.internal.local.LocalPool;

/**
 * A long run of no-op tasks through {@code map} that shows whether memory and files stay flat: hub and spoke
 * resident memory, the hub's heap after a full GC, and the bytes under the pool directory, after a warm-up
 * and at the end. Run by {@code scripts/soak}.
 */
public final class SoakRun
{
    private static final int PER_MAP = 100_000;

    private SoakRun()
    {
    }

    /**
     * @param args {@code [tasks] [minutes]}: stop at whichever comes first; defaults 100,000,000 and 10.
     * @throws IOException if the pool root cannot be made.
     */
    public static void main(final String[] args) throws IOException
    {
        final long tasks = args.length > 0 ? Long.parseLong(args[0]) : 100_000_000L;
        final long minutes = args.length > 1 ? Long.parseLong(args[1]) : 10;
        final Path root = Files.createTempDirectory(Path.of("/dev/shm"), "spm4j-soak");
        final long endNs = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        final List<Integer> arguments = new ArrayList<>(PER_MAP);
        for (int i = 0; i < PER_MAP; i++)
        {
            arguments.add(i);
        }
        long done = 0;
        long[] warm = null;
        final long startNs = System.nanoTime();
        try (Pool pool = Pool.builder().spokes(2).root(root).build())
        {
            final LocalPool local = (LocalPool)pool;
            final Closure<Integer, Integer> noop = pool.define("noop", (Integer x) -> x);
            try (TaskFarm farm = pool.taskFarm().window(256).start())
            {
                while (done < tasks && System.nanoTime() < endNs)
                {
                    final List<Integer> results = farm.map(noop, arguments);
                    if (results.size() != PER_MAP || !arguments.get(PER_MAP - 1).equals(results.get(PER_MAP - 1)))
                    {
                        throw new IllegalStateException("wrong results after " + done + " tasks");
                    }
                    done += PER_MAP;
                    if (null == warm && System.nanoTime() - startNs > TimeUnit.SECONDS.toNanos(30))
                    {
                        warm = sample(local, done);
                    }
                }
                final long[] end = sample(local, done);
                final double seconds = (System.nanoTime() - startNs) / 1e9;
                System.out.printf("tasks %,d in %.0f s (%,.0f tasks/s)%n", done, seconds, done / seconds);
                print("after warm-up", null == warm ? end : warm);
                print("at the end   ", end);
            }
        }
        Files.delete(root);
    }

    private static long[] sample(final LocalPool pool, final long done)
    {
        System.gc();
        final long heapKiB = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
        return new long[] {done, rssKiB(ProcessHandle.current().pid()), heapKiB, rssKiB(pool.spokePid(0)),
            rssKiB(pool.spokePid(1)), bytesUnder(pool.directory())};
    }

    private static void print(final String when, final long[] sample)
    {
        System.out.printf("%s (%,d tasks): hub RSS %,d KiB (heap after GC %,d KiB), spoke RSS %,d and %,d KiB, " +
            "pool directory %,d bytes%n", when, sample[0], sample[1], sample[2], sample[3], sample[4], sample[5]);
    }

    private static long rssKiB(final long pid)
    {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status")))
        {
            return lines.filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("\\D", ""))
                .mapToLong(Long::parseLong).findFirst().orElse(-1);
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    private static long bytesUnder(final Path directory)
    {
        try (Stream<Path> files = Files.walk(directory))
        {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }
}

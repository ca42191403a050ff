package org.spm4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Values far beyond a ring message, on a serial and a local pool: a byte[] of {@code megabytes} as an argument and
 * as a result, compared byte for byte, and a double[] of as many megabytes shared once and summed by every spoke in
 * place. Prints what each took and fails if anything differs or anything is left in the pool root. Run by
 * {@code scripts/large-values}.
 */
public final class LargeValuesRun
{
    private LargeValuesRun()
    {
    }

    /**
     * @param args {@code [megabytes]}, default 1024.
     * @throws IOException if the pool root cannot be made or listed.
     */
    public static void main(final String[] args) throws IOException
    {
        final int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        final byte[] bytes = new byte[megabytes << 20];
        new SplittableRandom(megabytes).nextBytes(bytes);
        final double[] doubles = new SplittableRandom(megabytes).doubles((long)megabytes << 17).toArray();
        double sum = 0;
        for (final double value : doubles)
        {
            sum += value;
        }
        final Path root = Files.createTempDirectory(Path.of("/dev/shm"), "spm4j-large-");
        boolean same = true;
        try
        {
            for (final PoolBuilder builder : List.of(Pool.builder().serial(), Pool.builder().spokes(2)))
            {
                try (Pool pool = builder.root(root).build())
                {
                    same &= roundTrip(pool, bytes) & sumShared(pool, doubles, sum);
                }
            }
            try (Stream<Path> left = Files.list(root))
            {
                final List<Path> files = left.toList();
                System.out.println("left in the pool root: " + (files.isEmpty() ? "nothing" : files));
                same &= files.isEmpty();
            }
        }
        finally
        {
            Files.deleteIfExists(root);
        }
        System.out.println(same ? "all values came back exactly" : "SOMETHING DIFFERED");
        System.exit(same ? 0 : 1);
    }

    private static boolean roundTrip(final Pool pool, final byte[] bytes)
    {
        final Closure<byte[], byte[]> reversed = pool.define("reversed", (byte[] in) ->
        {
            final byte[] out = new byte[in.length];
            for (int i = 0; i < in.length; i++)
            {
                out[i] = in[in.length - 1 - i];
            }
            return out;
        });
        final long startNs = System.nanoTime();
        final byte[] back;
        try (TaskFarm farm = pool.taskFarm().start())
        {
            back = farm.submit(reversed, bytes).join();
        }
        final long elapsedNs = System.nanoTime() - startNs;
        boolean same = back.length == bytes.length;
        for (int i = 0; same && i < bytes.length; i++)
        {
            same = back[i] == bytes[bytes.length - 1 - i];
        }
        System.out.printf("%s: a %d MB byte[] there and back reversed in %.2f s: %s%n",
            pool.isSerial() ? "serial" : pool.spokeCount() + " spokes", bytes.length >> 20, elapsedNs / 1e9,
            same ? "exact" : "DIFFERENT");
        return same;
    }

    private static boolean sumShared(final Pool pool, final double[] doubles, final double expected)
    {
        final long startNs = System.nanoTime();
        try (SharedDoubles shared = pool.share(doubles))
        {
            final long sharedNs = System.nanoTime() - startNs;
            final Closure<Integer, Double> sum = pool.define("sum", (Integer ignored) -> sumInPlace(shared));
            final List<Double> sums;
            final long sumStartNs = System.nanoTime();
            try (Crew crew = pool.crew().start())
            {
                sums = crew.run(sum, 0);
            }
            final boolean same = sums.stream().allMatch(each -> each == expected);
            System.out.printf("%s: a %d MB double[] shared in %.2f s, summed in place by each of %d ranks in %.2f s:" +
                " %s%n", pool.isSerial() ? "serial" : pool.spokeCount() + " spokes", (long)doubles.length >> 17,
                sharedNs / 1e9, sums.size(), (System.nanoTime() - sumStartNs) / 1e9, same ? "exact" : "DIFFERENT");
            return same;
        }
    }

    private static double sumInPlace(final SharedDoubles shared)
    {
        double total = 0;
        for (int i = 0; i < shared.length(); i++)
        {
            total += shared.get(i);
        }
        return total;
    }
}

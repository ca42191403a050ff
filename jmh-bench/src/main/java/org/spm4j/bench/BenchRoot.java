package org.spm4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh temporary directory to create benchmark pools under, in /dev/shm where the machine has it, as
 * real pools are, so that benchmarks never meet each other's or a user's pools.
 */
public final class BenchRoot
{
    private static final Path SHM = Path.of("/dev/shm");

    private BenchRoot()
    {
    }

    /**
     * @return a new empty directory.
     */
    public static Path create()
    {
        final Path parent = Files.isDirectory(SHM) && Files.isWritable(SHM) ?
            SHM : Path.of(System.getProperty("java.io.tmpdir"));
        try
        {
            return Files.createTempDirectory(parent, "spm4j-bench-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create a temporary directory under " + parent, ex);
        }
    }

    /**
     * @param root a directory from {@link #create()}, removed with everything in it; nothing happens if it
     *             is gone.
     */
    public static void delete(final Path root)
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path each : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(each);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove " + root, ex);
        }
    }
}

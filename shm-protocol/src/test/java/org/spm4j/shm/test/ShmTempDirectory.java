package org.spm4j.shm.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary directory where pools live, for tests JUnit's {@code @TempDir} does not reach (jqwik
 * properties); closing removes it and everything in it.
 */
public final class ShmTempDirectory implements AutoCloseable
{
    private final Path path;

    /**
     * Create the directory, owner-only, under /dev/shm when the machine has it.
     */
    public ShmTempDirectory()
    {
        try
        {
            path = ShmTempDirFactory.newDirectory("spm4j-property-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return the directory.
     */
    public Path path()
    {
        return path;
    }

    /**
     * Remove the directory and everything in it.
     */
    @Override
    public void close()
    {
        try (Stream<Path> paths = Files.walk(path))
        {
            for (final Path each : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(each);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove " + path, ex);
        }
    }
}

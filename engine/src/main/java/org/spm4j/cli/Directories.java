package org.spm4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the commands keep what outlives a pool (error journals), and how they remove it.
 */
public final class Directories
{
    private Directories()
    {
    }

    /**
     * Kept apart from the pool root on purpose: everything under the root without a live hub is removed
     * by the next pool start and by {@code spm clean}.
     *
     * @param name what it is for, e.g. "demo".
     * @return {@code <java.io.tmpdir>/spm4j-<name>-<user>}, created owner-only if absent.
     */
    public static Path userTempDirectory(final String name)
    {
        final String user = System.getProperty("user.name").replaceAll("[^A-Za-z0-9._-]", "_");
        final Path directory = Path.of(System.getProperty("java.io.tmpdir"), "spm4j-" + name + "-" + user);
        try
        {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        }
        catch (final FileAlreadyExistsException ignore)
        {
            // made by an earlier run
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + directory, ex);
        }
        return directory;
    }

    /**
     * @param directory a directory to remove with everything in it; nothing happens if it does not exist.
     * @throws UncheckedIOException if something in it cannot be removed.
     */
    public static void deleteRecursively(final Path directory)
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(path);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove " + directory, ex);
        }
    }
}

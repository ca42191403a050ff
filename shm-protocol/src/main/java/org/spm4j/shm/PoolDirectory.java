package org.spm4j.shm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory of one pool, {@code <root>/<pool-id>/}, holding {@code pool.shm}, {@code journal/} and, once a
 * value too large for a message has travelled, {@code values/}.
 * The default root is {@code /dev/shm/spm4j-<user>} where the machine has /dev/shm, else under
 * {@code java.io.tmpdir}. Root and pool directories are created owner-only (0700). Thread-safe.
 */
public final class PoolDirectory
{
    /** Name of the error journal directory inside a pool directory. */
    public static final String JOURNAL_DIRECTORY_NAME = "journal";
    /** Name of the directory of values too large for a message, inside a pool directory. */
    public static final String VALUES_DIRECTORY_NAME = "values";

    private static final String OUTPUT_DIRECTORY_NAME = "output";
    private static final Path SHM = Path.of("/dev/shm");
    private static final Pattern POOL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern UNSAFE_USER_CHARACTERS = Pattern.compile("[^A-Za-z0-9._-]");

    private final Path path;

    private PoolDirectory(final Path path)
    {
        this.path = path;
    }

    /**
     * @return the root all of this user's pools live under by default.
     */
    public static Path defaultRoot()
    {
        final Path base = Files.isDirectory(SHM) && Files.isWritable(SHM) ?
            SHM : Path.of(System.getProperty("java.io.tmpdir"));
        return base.resolve("spm4j-" + UNSAFE_USER_CHARACTERS.matcher(System.getProperty("user.name")).replaceAll("_"));
    }

    /**
     * Create the directory of a new pool, and the root if needed, both owner-only. An existing root must
     * belong to this process's user and be writable by no one else, or a pool in it could be swapped.
     *
     * @param root   the root, see {@link #defaultRoot()}.
     * @param poolId 1 to 64 characters of letters, digits, '.', '_' and '-', not starting with a symbol.
     * @return the new pool directory.
     * @throws IllegalArgumentException if the pool id is not a safe name.
     * @throws UncheckedIOException     if the pool already exists or the directory cannot be created.
     * @throws ProtocolException        naming the root and what is wrong if another user owns it or may
     *                                  write it.
     */
    public static PoolDirectory create(final Path root, final String poolId)
    {
        checkPoolId(poolId);
        final Path path = root.resolve(poolId);
        try
        {
            createOwnerOnlyDirectoryIfAbsent(root);
            OwnerOnly.verifyRoot(root);
            createPoolDirectory(root, path);
        }
        catch (final FileAlreadyExistsException ex)
        {
            throw new UncheckedIOException("pool '" + poolId + "' already exists at " + path, ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create pool directory " + path, ex);
        }
        return new PoolDirectory(path);
    }

    /**
     * @param path an existing pool directory.
     * @return a handle on it.
     */
    public static PoolDirectory of(final Path path)
    {
        return new PoolDirectory(path);
    }

    /**
     * @return the directory.
     */
    public Path path()
    {
        return path;
    }

    /**
     * @return the pool id, the directory's name.
     */
    public String poolId()
    {
        return path.getFileName().toString();
    }

    /**
     * @return where the pool file is.
     */
    public Path poolFile()
    {
        return path.resolve(PoolFileDescriptor.POOL_FILE_NAME);
    }

    /**
     * @return where the error journal is.
     */
    public Path journalDirectory()
    {
        return path.resolve(JOURNAL_DIRECTORY_NAME);
    }

    /**
     * @return where the segments of values too large for a message are, see {@link ValueSegments}.
     */
    public Path valuesDirectory()
    {
        return path.resolve(VALUES_DIRECTORY_NAME);
    }

    /**
     * @return where the output of shell commands waits to be printed in order, removed with the pool.
     */
    public Path outputDirectory()
    {
        return path.resolve(OUTPUT_DIRECTORY_NAME);
    }

    /**
     * Remove the directory and everything in it; nothing happens if it is already gone.
     *
     * @throws UncheckedIOException if something in it cannot be removed.
     */
    public void delete()
    {
        if (!Files.exists(path))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(path))
        {
            for (final Path each : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(each);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove pool directory " + path, ex);
        }
    }

    /**
     * Remove a pool root that no pool uses any more, so a node keeps nothing in /dev/shm between runs.
     *
     * @param root a pool root.
     * @throws UncheckedIOException if it cannot be removed for another reason than holding pools.
     */
    public static void removeRootIfEmpty(final Path root)
    {
        try
        {
            Files.deleteIfExists(root);
        }
        catch (final DirectoryNotEmptyException ignore)
        {
            // other pools live there
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove empty pool root " + root, ex);
        }
    }

    @Override
    public String toString()
    {
        return path.toString();
    }

    /**
     * @param poolId a pool id.
     * @throws IllegalArgumentException unless it is 1 to 64 letters, digits, '.', '_' or '-', starting with a
     *                                  letter or digit.
     */
    public static void checkPoolId(final String poolId)
    {
        if (null == poolId || !POOL_ID.matcher(poolId).matches())
        {
            throw new IllegalArgumentException("pool id '" + poolId + "' must be 1 to 64 letters, digits, '.', '_' " +
                "or '-', starting with a letter or digit");
        }
    }

    /**
     * Another pool closing may remove the empty root between our creating it and using it; once more
     * then.
     */
    private static void createPoolDirectory(final Path root, final Path path) throws IOException
    {
        try
        {
            Files.createDirectory(path, OwnerOnly.DIRECTORY);
        }
        catch (final NoSuchFileException ex)
        {
            createOwnerOnlyDirectoryIfAbsent(root);
            Files.createDirectory(path, OwnerOnly.DIRECTORY);
        }
        Files.setPosixFilePermissions(path, OwnerOnly.DIRECTORY_PERMISSIONS);
    }

    private static void createOwnerOnlyDirectoryIfAbsent(final Path directory) throws IOException
    {
        try
        {
            Files.createDirectories(directory.getParent());
            Files.createDirectory(directory, OwnerOnly.DIRECTORY);
            Files.setPosixFilePermissions(directory, OwnerOnly.DIRECTORY_PERMISSIONS);
        }
        catch (final FileAlreadyExistsException ignore)
        {
            // another pool of this user made it first
        }
    }
}

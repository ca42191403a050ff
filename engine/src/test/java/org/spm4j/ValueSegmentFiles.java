package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.spm4j.shm.PoolDirectory;

/**
 * The value segments of a pool a test made under its {@link NothingLeft} root, as files.
 */
final class ValueSegmentFiles
{
    private ValueSegmentFiles()
    {
    }

    static Path valuesOf(final NothingLeft left, final Pool pool)
    {
        return PoolDirectory.of(left.pools().resolve(pool.id())).valuesDirectory();
    }

    static void assertNoSegmentLeft(final NothingLeft left, final Pool pool)
    {
        assertEquals(List.of(), filesIn(valuesOf(left, pool)), "segments left in " + valuesOf(left, pool));
    }

    /**
     * @return the names of the files in the directory, none if it is not there.
     */
    static List<String> filesIn(final Path directory)
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.map(path -> path.getFileName().toString()).toList();
        }
        catch (final NoSuchFileException ex)
        {
            return List.of();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

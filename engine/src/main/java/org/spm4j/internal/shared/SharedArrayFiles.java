package org.spm4j.internal.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared arrays of a pool as its directory shows them to any process, for {@code spm stat}.
 */
public final class SharedArrayFiles
{
    private SharedArrayFiles()
    {
    }

    /**
     * One shared array's file.
     *
     * @param file   its name, {@code <n>-<type>.arr}.
     * @param type   its element type, e.g. "double".
     * @param length its elements.
     * @param bytes  its size.
     */
    public record ArrayFile(String file, String type, long length, long bytes)
    {
    }

    /**
     * @param poolDirectory a pool's directory.
     * @return its shared arrays in the order they were made; none if it has none or they went meanwhile.
     */
    public static List<ArrayFile> of(final Path poolDirectory)
    {
        final Path directory = poolDirectory.resolve(SharedArrays.DIRECTORY_NAME);
        final List<ArrayFile> arrays = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                final String name = file.getFileName().toString();
                final int dash = name.indexOf('-');
                if (dash > 0 && name.endsWith(SharedArrays.FILE_SUFFIX))
                {
                    final String type = name.substring(dash + 1, name.length() - SharedArrays.FILE_SUFFIX.length());
                    final long bytes = sizeOf(file);
                    if (bytes >= 0)
                    {
                        arrays.add(new ArrayFile(name, type, bytes / elementBytes(type), bytes));
                    }
                }
            }
        }
        catch (final NoSuchFileException ex)
        {
            return List.of();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + directory, ex);
        }
        arrays.sort(Comparator.comparingLong(array -> Long.parseLong(array.file().substring(0,
            array.file().indexOf('-')))));
        return arrays;
    }

    private static long sizeOf(final Path file)
    {
        try
        {
            return Files.size(file);
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    private static int elementBytes(final String type)
    {
        return switch (type)
        {
            case "double", "long" -> Long.BYTES;
            case "int" -> Integer.BYTES;
            default -> Byte.BYTES;
        };
    }
}

package org.spm4j.shm.journal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * The roll-cycle files of a journal, one per cycle that had a record, and their deletion. Every process
 * that has the journal open sees a deletion through the queue's shared directory listing. Thread-safe.
 */
final class CycleFiles
{
    private final SingleChronicleQueue queue;
    private final RollingResourcesCache names;

    CycleFiles(final SingleChronicleQueue queue)
    {
        this.queue = queue;
        this.names = new RollingResourcesCache(
            queue.rollCycle(), queue.epoch(), name -> new File(queue.file(), name + SingleChronicleQueue.SUFFIX),
            CycleFiles::cycleName);
    }

    /**
     * Delete the files of the cycles before {@code keepFromCycle} that {@code release} accepts, oldest
     * first. The latest cycle that has a file is always kept, so appenders carry on.
     *
     * @param keepFromCycle the first cycle kept whatever {@code release} says.
     * @param release       says whether to delete a cycle's file.
     * @return the deleted files, oldest first.
     * @throws UncheckedIOException if the directory cannot be listed or a file cannot be deleted.
     */
    List<Path> release(final int keepFromCycle, final IntPredicate release)
    {
        queue.refreshDirectoryListing();
        final int keptFrom = Math.min(keepFromCycle, queue.lastCycle());
        final List<Path> released = new ArrayList<>();
        for (final Path file : list())
        {
            final Integer cycle = cycleOf(file);
            if (null != cycle && cycle < keptFrom && release.test(cycle) && delete(file))
            {
                released.add(file);
            }
        }
        if (!released.isEmpty())
        {
            queue.refreshDirectoryListing();
        }
        return released;
    }

    /**
     * @param cycle a cycle.
     * @return whether the journal has a file for it now.
     */
    boolean holds(final int cycle)
    {
        return names.resourceFor(cycle).path.exists();
    }

    /**
     * @param cycle a cycle.
     * @return the length of its file now, 0 if it has none.
     */
    long length(final int cycle)
    {
        return names.resourceFor(cycle).path.length();
    }

    private List<Path> list()
    {
        try (Stream<Path> files = Files.list(queue.file().toPath()))
        {
            return files
                .filter(file -> file.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX))
                .sorted()
                .toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list error journal " + queue.file(), ex);
        }
    }

    private Integer cycleOf(final Path file)
    {
        try
        {
            return names.parseCount(cycleName(file.toFile()));
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
    }

    private static boolean delete(final Path file)
    {
        try
        {
            return Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete error journal file " + file, ex);
        }
    }

    private static String cycleName(final File file)
    {
        final String fileName = file.getName();
        return fileName.substring(0, fileName.length() - SingleChronicleQueue.SUFFIX.length());
    }
}

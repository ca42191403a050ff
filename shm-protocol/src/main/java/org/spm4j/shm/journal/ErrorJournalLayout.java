package org.spm4j.shm.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the queues of an error journal live. Each spoke appends to a Chronicle queue of its own, so spokes never
 * take turns on one write lock; the hub's own records, and those of journals written before spokes had their own,
 * are in the queue at the top:
 * <pre>
 *   journal/                 the hub's queue: records of failures of the hub itself (spoke id -1)
 *     metadata.cq4t
 *     20261203-1345V.cq4
 *     spoke-0/               spoke 0's queue: every record of a spoke id 0, the hub's on its behalf included
 *       metadata.cq4t
 *       20261203-1345V.cq4
 *     spoke-1/
 *       ...
 * </pre>
 * A record is found by its spoke id and its index in that spoke's queue. A persistent journal shared by many pools
 * has one queue per spoke id whatever the pool. Stateless.
 */
public final class ErrorJournalLayout
{
    /** What a spoke's queue directory is named after, followed by the spoke id. */
    public static final String SPOKE_DIRECTORY_PREFIX = "spoke-";

    /** The spoke id of records the hub writes for itself; they are in the queue at the top. */
    public static final int HUB = -1;

    private static final Pattern SPOKE_DIRECTORY = Pattern.compile(SPOKE_DIRECTORY_PREFIX + "(0|[1-9][0-9]{0,8})");

    private ErrorJournalLayout()
    {
    }

    /**
     * @param journalDirectory the journal's directory.
     * @param spokeId          a spoke id, or {@link #HUB}.
     * @return the directory of the queue that spoke's records go to.
     * @throws IllegalArgumentException if {@code spokeId} is below {@link #HUB}.
     */
    public static Path queueDirectory(final Path journalDirectory, final int spokeId)
    {
        if (spokeId < HUB)
        {
            throw new IllegalArgumentException("no journal queue for spoke id " + spokeId);
        }
        return HUB == spokeId ? journalDirectory : journalDirectory.resolve(SPOKE_DIRECTORY_PREFIX + spokeId);
    }

    /**
     * @param journalDirectory the journal's directory.
     * @return the spoke queue directories it holds now, by spoke id; empty if it has none or does not exist.
     * @throws UncheckedIOException if the directory exists but cannot be listed.
     */
    public static Map<Integer, Path> spokeQueueDirectories(final Path journalDirectory)
    {
        final Map<Integer, Path> directories = new TreeMap<>();
        if (!Files.isDirectory(journalDirectory))
        {
            return directories;
        }
        try (Stream<Path> entries = Files.list(journalDirectory))
        {
            entries.forEach(entry ->
            {
                final Matcher name = SPOKE_DIRECTORY.matcher(entry.getFileName().toString());
                if (name.matches() && Files.isDirectory(entry))
                {
                    directories.put(Integer.parseInt(name.group(1)), entry);
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list error journal " + journalDirectory, ex);
        }
        return directories;
    }
}

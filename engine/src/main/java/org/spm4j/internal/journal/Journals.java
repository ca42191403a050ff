package org.spm4j.internal.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.stream.Stream;

import org.spm4j.shm.journal.ErrorJournal;
import org.spm4j.shm.journal.ErrorJournalLayout;

/**
 * Opens a pool's error journal with the options every process of the pool must share, and says how long
 * a persistent journal keeps its records.
 */
public final class Journals
{
    /**
     * System property: how long a persistent journal keeps a record after its roll cycle ended, as an
     * ISO-8601 duration ({@code P30D}, {@code PT12H}); the hub of every pool that uses the journal
     * releases older cycles.
     */
    public static final String PERSISTENT_RETENTION_PROP_NAME = "spm4j.journal.retention";

    /** Default of {@link #PERSISTENT_RETENTION_PROP_NAME}: a week. */
    public static final Duration PERSISTENT_RETENTION_DEFAULT = Duration.ofDays(7);

    /**
     * A spoke killed while appending holds the journal's write lock; the next appender takes it over
     * after 1.5 times this, so keep it short.
     */
    private static final long LOCK_TIMEOUT_MS = 1_000;
    private static final String QUEUE_FILE_SUFFIX = ".cq4";

    private Journals()
    {
    }

    /**
     * @param directory the journal's directory, created if absent.
     * @return the journal, opened quietly.
     */
    public static ErrorJournal open(final Path directory)
    {
        return ErrorJournal.builder(directory).lockTimeoutMs(LOCK_TIMEOUT_MS).open();
    }

    /**
     * Open a spoke's queue of a journal, as the spoke does at its first failure. The journal's directory must be
     * there: a spoke never makes one its hub has not (a hub that has closed its pool has removed it).
     *
     * @param directory the journal's directory.
     * @param spokeId   the spoke.
     * @return the spoke's queue, created if absent, opened quietly.
     * @throws IllegalStateException if the journal's directory is not there.
     */
    public static ErrorJournal openSpokeQueue(final Path directory, final int spokeId)
    {
        if (!Files.isDirectory(directory))
        {
            throw new IllegalStateException("the error journal " + directory + " is not there");
        }
        return open(ErrorJournalLayout.queueDirectory(directory, spokeId));
    }

    /**
     * @param directory a journal's directory.
     * @return true if it holds a queue file (one that can hold records), false if it holds only metadata, nothing,
     *         or is not there; true if it cannot be searched, as the safe answer.
     */
    public static boolean holdsQueueFiles(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return false;
        }
        try (Stream<Path> files = Files.walk(directory))
        {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(QUEUE_FILE_SUFFIX));
        }
        catch (final IOException | UncheckedIOException ex)
        {
            return true;
        }
    }

    /**
     * @return how long a persistent journal keeps a record, from {@link #PERSISTENT_RETENTION_PROP_NAME}.
     * @throws IllegalArgumentException naming the property if its value is not a positive ISO-8601 duration.
     */
    public static Duration persistentRetention()
    {
        final String value = System.getProperty(PERSISTENT_RETENTION_PROP_NAME);
        if (null == value)
        {
            return PERSISTENT_RETENTION_DEFAULT;
        }
        try
        {
            final Duration retention = Duration.parse(value.trim());
            if (retention.isNegative() || retention.isZero())
            {
                throw new IllegalArgumentException("system property " + PERSISTENT_RETENTION_PROP_NAME + "=" +
                    value + " must be a positive duration");
            }
            return retention;
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException("system property " + PERSISTENT_RETENTION_PROP_NAME + "=" + value +
                " is not an ISO-8601 duration such as P30D or PT12H", ex);
        }
    }
}

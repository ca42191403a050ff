package org.spm4j.internal.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.PoolFileDescriptor;

/**
 * Which roll cycles of its journal a hub releases. A pool's own journal, inside its pool directory, keeps
 * only what the pool may still read: a cycle is released once it has passed and every record in it was
 * consumed (or, for records no status will ever name, a full cycle after it ended). A persistent journal
 * is the user's, shared by any number of pools: it keeps every record for {@link #kept()}, then the cycle
 * is released whoever wrote it. Immutable.
 */
public final class JournalRetention
{
    private static final JournalRetention POOL_OWNED = new JournalRetention(true, Duration.ZERO);

    private final boolean poolOwned;
    private final Duration kept;

    private JournalRetention(final boolean poolOwned, final Duration kept)
    {
        this.poolOwned = poolOwned;
        this.kept = kept;
    }

    /**
     * @return the retention of a journal that lives and dies with its pool.
     */
    public static JournalRetention ofPool()
    {
        return POOL_OWNED;
    }

    /**
     * @param kept how long after its cycle ended a record is kept; positive.
     * @return the retention of a persistent journal.
     * @throws IllegalArgumentException if {@code kept} is not positive.
     */
    public static JournalRetention keptFor(final Duration kept)
    {
        if (Objects.requireNonNull(kept, "kept").isNegative() || kept.isZero())
        {
            throw new IllegalArgumentException("a persistent journal's retention must be positive: " + kept);
        }
        return new JournalRetention(false, kept);
    }

    /**
     * @param persistent whether the pool was given a persistent journal rather than one of its own.
     * @return {@link #keptFor} {@link Journals#persistentRetention()} for a persistent journal, else
     *         {@link #ofPool()}.
     */
    public static JournalRetention of(final boolean persistent)
    {
        return persistent ? keptFor(Journals.persistentRetention()) : POOL_OWNED;
    }

    /**
     * For a pool that does not say which journal it was given. A pool's own journal is
     * {@code <pool directory>/journal}, beside the pool file of the pool it is named after, and goes with that
     * directory; any other directory is a persistent journal, kept for {@link Journals#persistentRetention()}.
     *
     * @param journalDirectory the journal's directory.
     * @param poolId           the pool that opens it.
     * @return the retention it gets.
     */
    public static JournalRetention of(final Path journalDirectory, final String poolId)
    {
        final Path poolDirectory = journalDirectory.toAbsolutePath().normalize().getParent();
        final boolean poolOwned = null != poolDirectory &&
            PoolDirectory.JOURNAL_DIRECTORY_NAME.equals(journalDirectory.getFileName().toString()) &&
            poolId.equals(String.valueOf(poolDirectory.getFileName())) &&
            Files.exists(poolDirectory.resolve(PoolFileDescriptor.POOL_FILE_NAME));
        return of(!poolOwned);
    }

    /**
     * @return true for a pool's own journal, released as its records are consumed.
     */
    public boolean poolOwned()
    {
        return poolOwned;
    }

    /**
     * @return how long a persistent journal keeps a record after its cycle ended; zero for a pool's own.
     */
    public Duration kept()
    {
        return kept;
    }

    @Override
    public String toString()
    {
        return poolOwned ? "JournalRetention{pool-owned}" : "JournalRetention{kept " + kept + '}';
    }
}

package org.spm4j.internal.journal;

import java.nio.file.Path;

import org.spm4j.shm.journal.ErrorJournal;

/**
 * Opens a pool's error journal with the options every process of the pool must share.
 */
public final class Journals
{
    /**
     * A spoke killed while appending holds the journal's write lock; the next appender takes it over
     * after 1.5 times this, so keep it short.
     */
    private static final long LOCK_TIMEOUT_MS = 1_000;

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
}

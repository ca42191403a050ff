package org.spm4j.internal.journal;

import java.nio.file.Path;
import java.util.List;

import org.agrona.CloseHelper;
import org.spm4j.shm.journal.ErrorJournal;
import org.spm4j.shm.journal.ErrorJournalAppender;
import org.spm4j.shm.journal.ErrorJournalReader;
import org.spm4j.shm.journal.ErrorRecord;

/**
 * One queue of a pool's journal as the hub uses it, a spoke's or the hub's own: records read by the index a status
 * names, records appended on the spoke's behalf, and the queue kept bounded by a {@link JournalHousekeeper}. Hub
 * thread only; it may be made on another.
 */
final class HubQueue implements AutoCloseable
{
    private final ErrorJournal journal;
    private final long startIndex;
    private final ErrorJournalReader reader;
    private final JournalHousekeeper housekeeper;
    private ErrorJournalAppender appender;

    /**
     * @param journal    the queue; not closed with this, its parent journal closes it.
     * @param retention  which of its cycles to release.
     * @param startIndex the index of its last record when the pool started, -1 if it had none.
     */
    HubQueue(final ErrorJournal journal, final JournalRetention retention, final long startIndex)
    {
        this.journal = journal;
        this.startIndex = startIndex;
        this.reader = journal.reader();
        this.housekeeper = new JournalHousekeeper(journal, retention);
    }

    ErrorJournal journal()
    {
        return journal;
    }

    /**
     * @return the index of the queue's last record when the pool started using it; -1 if it had none.
     */
    long startIndex()
    {
        return startIndex;
    }

    /**
     * @return the record at {@code index} without its replay bytes, which the hub does not need; null if none.
     */
    ErrorRecord read(final long index)
    {
        return reader.readWithoutReplayBytes(index);
    }

    long append(final ErrorRecord record)
    {
        if (null == appender)
        {
            appender = journal.appender();
        }
        final long index = appender.append(record);
        housekeeper.consumed(index);
        return index;
    }

    /**
     * The hub has turned the record at {@code index} into a failure.
     */
    void consumed(final long index)
    {
        housekeeper.consumed(index);
    }

    List<Path> releasePassedCycles()
    {
        return housekeeper.run(reader);
    }

    long recordsRead()
    {
        return reader.recordsRead();
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(reader, appender);
    }
}

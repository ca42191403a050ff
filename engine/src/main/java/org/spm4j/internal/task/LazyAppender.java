package org.spm4j.internal.task;

import java.util.concurrent.CompletableFuture;

import org.spm4j.shm.journal.ErrorJournal;
import org.spm4j.shm.journal.ErrorJournalAppender;
import org.spm4j.shm.journal.ErrorRecord;

/**
 * A journal appender made on first use by the thread that uses it (Chronicle appenders belong to one
 * thread), from a journal that may still be opening.
 */
public final class LazyAppender implements TaskEvaluator.JournalSink, AutoCloseable
{
    private final CompletableFuture<ErrorJournal> journal;
    private ErrorJournalAppender appender;

    /**
     * @param journal the journal, perhaps still opening.
     */
    public LazyAppender(final CompletableFuture<ErrorJournal> journal)
    {
        this.journal = journal;
    }

    @Override
    public long append(final ErrorRecord record)
    {
        if (null == appender)
        {
            appender = journal.join().appender();
        }
        return appender.append(record);
    }

    @Override
    public void close()
    {
        if (null != appender)
        {
            appender.close();
        }
    }
}

package org.spm4j.internal.task;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.agrona.CloseHelper;
import org.spm4j.shm.journal.ErrorJournal;
import org.spm4j.shm.journal.ErrorJournalAppender;
import org.spm4j.shm.journal.ErrorRecord;

/**
 * A journal appender made at the first append, by the thread that appends (Chronicle appenders belong to one
 * thread), on a journal got then: a spoke opens its journal at its first failure, so a spoke that never fails
 * never pays for Chronicle's start-up (its classes alone take tens of megabytes of heap and, on a busy machine,
 * seconds). {@link #prepare()} starts opening the journal in the background ahead of a failure that must not wait
 * for it. A journal that cannot be got fails that append, and the next one tries again. One thread at a time.
 */
public final class LazyAppender implements TaskEvaluator.JournalSink, AutoCloseable
{
    private final Supplier<ErrorJournal> journalSupplier;
    private final boolean ownsJournal;
    private CompletableFuture<ErrorJournal> opening;
    private ErrorJournal journal;
    private ErrorJournalAppender appender;

    private LazyAppender(final Supplier<ErrorJournal> journalSupplier, final boolean ownsJournal)
    {
        this.journalSupplier = journalSupplier;
        this.ownsJournal = ownsJournal;
    }

    /**
     * @param opener opens the journal; the journal is closed with this appender.
     * @return the appender.
     */
    public static LazyAppender owning(final Supplier<ErrorJournal> opener)
    {
        return new LazyAppender(opener, true);
    }

    /**
     * @param journal gives the journal; someone else closes it.
     * @return the appender.
     */
    public static LazyAppender sharing(final Supplier<ErrorJournal> journal)
    {
        return new LazyAppender(journal, false);
    }

    /**
     * Start getting the journal on a thread of its own, unless it is got or being got already.
     */
    @Override
    public void prepare()
    {
        if (null == journal && null == opening)
        {
            opening = CompletableFuture.supplyAsync(journalSupplier, runnable ->
            {
                final Thread opener = new Thread(runnable, "spm4j-journal-open");
                opener.setDaemon(true);
                opener.start();
            });
        }
    }

    @Override
    public long append(final ErrorRecord record)
    {
        return appender().append(record);
    }

    @Override
    public int maxRecordLength()
    {
        return appender().maxRecordLength();
    }

    @Override
    public void close()
    {
        if (ownsJournal && null == journal && null != opening)
        {
            opening.thenAccept(ErrorJournal::close);
        }
        CloseHelper.closeAll(appender, ownsJournal ? journal : null);
    }

    private ErrorJournalAppender appender()
    {
        if (null == appender)
        {
            if (null == journal)
            {
                journal = journal();
            }
            appender = journal.appender();
        }
        return appender;
    }

    /**
     * A journal being got in the background is waited for; if that failed, it is tried once more here.
     */
    private ErrorJournal journal()
    {
        final CompletableFuture<ErrorJournal> inBackground = opening;
        opening = null;
        if (null != inBackground)
        {
            try
            {
                return inBackground.join();
            }
            catch (final CompletionException ex)
            {
                // say what this thread's own attempt says
            }
        }
        return journalSupplier.get();
    }
}

package org.spm4j.shm.journal;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;

/**
 * Appends {@link ErrorRecord}s to an {@link ErrorJournal}. Appenders in many threads and processes
 * may append to one journal at once; Chronicle serialises them with a lock in the queue's metadata
 * file, so each record is whole and has its own index. A record is encoded into a buffer the appender keeps
 * before the lock is taken, and copied into the queue in one piece.
 * <p>
 * Not thread-safe: one thread at a time, which may change when the user hands it over with a happens-before
 * edge (a serial pool is driven by whichever thread holds its lock). Threads that append at once each take
 * their own from {@link ErrorJournal#appender()}.
 */
public final class ErrorJournalAppender implements AutoCloseable
{
    private static final int INITIAL_BUFFER_CAPACITY = 4096;

    static
    {
        ChronicleQuiet.ensure();
    }

    private final ExcerptAppender appender;
    private final int maxRecordLength;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(INITIAL_BUFFER_CAPACITY);

    ErrorJournalAppender(final ExcerptAppender appender, final int maxRecordLength)
    {
        // Chronicle would bind the appender to its first thread; a hand-over is the user's
        appender.singleThreadedCheckDisabled(true);
        this.appender = appender;
        this.maxRecordLength = maxRecordLength;
    }

    /**
     * Append {@code record} as one excerpt. The record is encoded before the queue's write lock is
     * taken, so the lock is held only for the copy. A record too big for the journal is cut down as
     * {@link ErrorRecordCodec#fitTo} describes, so the failure is still recorded.
     *
     * @param record what to append.
     * @return the record's journal index.
     * @throws IllegalStateException if the journal cannot take it, e.g. its cycle file cannot be made; Chronicle's
     *                               undeclared IOExceptions come wrapped in it, so a caller that catches runtime
     *                               exceptions loses none.
     */
    public long append(final ErrorRecord record)
    {
        final int length = ErrorRecordCodec.encode(ErrorRecordCodec.fitTo(record, maxRecordLength), buffer, 0);
        try (DocumentContext document = appender.writingDocument())
        {
            document.wire().bytes().write(buffer.byteArray(), 0, length);
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("the error journal cannot take a record: " + ex, ex);
        }
        return appender.lastIndexAppended();
    }

    /**
     * @return the most bytes one encoded record may take in this journal; bigger ones are cut down.
     */
    public int maxRecordLength()
    {
        return maxRecordLength;
    }

    /**
     * Release the appender. Idempotent.
     */
    @Override
    public void close()
    {
        appender.close();
    }
}

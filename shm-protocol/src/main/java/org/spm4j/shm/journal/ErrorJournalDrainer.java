package org.spm4j.shm.journal;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.ReadBytesMarshallable;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.spm4j.shm.ProtocolException;

/**
 * Reads an {@link ErrorJournal} in order through a named Chronicle tailer. The position is kept in the
 * queue's metadata file under the drainer's name, so a drainer of the same name opened later, in this
 * process or another, goes on from the next record not yet handed to a handler.
 * <p>
 * A record is consumed when its handler returns, not before: if the handler throws, or the process
 * dies while the handler runs, the same record comes first at the next {@link #drain}. Delivery is
 * therefore at least once. A record that does not decode is consumed and reported as a
 * {@link ProtocolException} naming its index, so one bad record cannot stall the drainer.
 * <p>
 * Not thread-safe: a drainer belongs to the thread that uses it first, and at most one drainer per
 * name may be open at a time across all processes.
 */
public final class ErrorJournalDrainer implements AutoCloseable
{
    /** Longest drainer name; the name becomes a key in the queue's fixed-size metadata file. */
    public static final int MAX_NAME_LENGTH = 64;

    private static final long NOT_HANDLING = Long.MIN_VALUE;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_NAME_LENGTH + "}");

    static
    {
        ChronicleQuiet.ensure();
    }

    private final String name;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final CycleFiles cycleFiles;
    private final ReadBytesMarshallable reader = this::readRecord;
    private ErrorRecordHandler handler;
    private long handlingIndex = NOT_HANDLING;

    ErrorJournalDrainer(
        final String name, final SingleChronicleQueue queue, final ExcerptTailer tailer, final CycleFiles cycleFiles)
    {
        this.name = name;
        this.queue = queue;
        this.tailer = tailer;
        this.cycleFiles = cycleFiles;
    }

    static void validateName(final String name)
    {
        if (name == null || !NAME.matcher(name).matches())
        {
            throw new IllegalArgumentException("drainer name must be 1 to " + MAX_NAME_LENGTH +
                " characters of [A-Za-z0-9._-]: " + name);
        }
    }

    /**
     * @return the name the position is kept under.
     */
    public String name()
    {
        return name;
    }

    /**
     * Hand up to {@code limit} records, oldest first, to {@code handler}. Returns early, without
     * waiting, when no more records are there. Whatever the handler throws is rethrown, with its
     * record left unconsumed.
     *
     * @param handler receives each record and its index.
     * @param limit   most records to hand over.
     * @return how many records the handler took.
     * @throws ProtocolException if a record does not decode; it is consumed, those before it were handled.
     */
    public int drain(final ErrorRecordHandler handler, final int limit)
    {
        this.handler = handler;
        int drained = 0;
        try
        {
            while (drained < limit && tailer.readBytes(reader))
            {
                drained++;
            }
        }
        catch (final Throwable ex)
        {
            if (handlingIndex != NOT_HANDLING)
            {
                stepBackTo(handlingIndex, ex);
            }
            throw ex;
        }
        finally
        {
            this.handler = null;
            handlingIndex = NOT_HANDLING;
        }
        return drained;
    }

    /**
     * @return the journal index this drainer reads next, or where it waits for the next record.
     */
    public long position()
    {
        return tailer.index();
    }

    /**
     * Delete the journal's roll-cycle files this drainer has read past: those before the cycle of
     * its position. The cycle it is in and the latest cycle are always kept, so appenders carry on.
     * Other readers of the journal lose what was in the deleted files. Every process that has the
     * journal open sees the deletion through the queue's shared directory listing.
     *
     * @return the deleted files, oldest first.
     * @throws UncheckedIOException if the directory cannot be listed or a file cannot be deleted.
     */
    public List<Path> releasePassedCycles()
    {
        return cycleFiles.release(queue.rollCycle().toCycle(tailer.index()), cycle -> true);
    }

    /**
     * Close the tailer; the position stays in the queue. Idempotent.
     */
    @Override
    public void close()
    {
        tailer.close();
    }

    @Override
    public String toString()
    {
        return "ErrorJournalDrainer{" + name + ", position=0x" + Long.toHexString(position()) + '}';
    }

    private void stepBackTo(final long index, final Throwable handlerFailure)
    {
        try
        {
            tailer.moveToIndex(index);
        }
        catch (final RuntimeException ex)
        {
            handlerFailure.addSuppressed(ex);
        }
    }

    // Runs inside Chronicle's reading context, which moves the stored position past the record only
    // when this returns: a process that dies in the handler has the record again when it restarts.
    private void readRecord(final BytesIn<?> bytes)
    {
        final long index = tailer.index();
        final ErrorRecord record = ErrorRecordCodec.decode(index, bytes);
        handlingIndex = index;
        handler.onRecord(record, index);
        handlingIndex = NOT_HANDLING;
    }
}

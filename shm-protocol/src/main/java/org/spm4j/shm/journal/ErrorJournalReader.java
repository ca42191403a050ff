package org.spm4j.shm.journal;

import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.ReadBytesMarshallable;
import net.openhft.chronicle.queue.ExcerptTailer;
import org.spm4j.shm.ProtocolException;

/**
 * Reads single {@link ErrorRecord}s of an {@link ErrorJournal} by their index, as a FAILED status names
 * them: random access through an unnamed tailer, which keeps no position in the journal, so any number
 * of readers may come and go over the life of a journal and none reads the records before the one it
 * asks for. The record after the one read last, as a spoke's statuses mostly name them, is read without
 * looking its index up.
 * <p>
 * Not thread-safe: one thread at a time, which may change when the user hands it over with a happens-before
 * edge (a serial pool is driven by whichever thread holds its lock).
 */
public final class ErrorJournalReader implements AutoCloseable
{
    static
    {
        ChronicleQuiet.ensure();
    }

    private final ExcerptTailer tailer;
    private final ReadBytesMarshallable decoder = this::decode;
    private boolean withReplayBytes;
    private boolean readElsewhere;
    private long readingIndex;
    private ErrorRecord record;
    private long recordsRead;

    ErrorJournalReader(final ExcerptTailer tailer)
    {
        // Chronicle would bind the tailer to its first thread; a hand-over between threads is the user's
        tailer.singleThreadedCheckDisabled(true);
        this.tailer = tailer;
    }

    /**
     * @param index a record's journal index, as {@link ErrorJournalAppender#append} returned it.
     * @return the record there, or null if the journal holds none at that index: not written (yet), its
     *         cycle released, or a negative index.
     * @throws ProtocolException if the record there does not decode; the message names the index.
     */
    public ErrorRecord read(final long index)
    {
        return read(index, true);
    }

    /**
     * As {@link #read(long)}, without the record's argument and closure bytes, which only a replay needs.
     *
     * @param index a record's journal index, as {@link ErrorJournalAppender#append} returned it.
     * @return the record there without its replay bytes, or null if the journal holds none at that index.
     * @throws ProtocolException if the record there does not decode; the message names the index.
     */
    public ErrorRecord readWithoutReplayBytes(final long index)
    {
        return read(index, false);
    }

    private ErrorRecord read(final long index, final boolean replayBytes)
    {
        if (index < 0)
        {
            return null;
        }
        withReplayBytes = replayBytes;
        readingIndex = index;
        try
        {
            if (tailer.index() == index)
            {
                if (readHere())
                {
                    return record;
                }
                if (!readElsewhere)
                {
                    return null;
                }
            }
            return tailer.moveToIndex(index) && readHere() ? record : null;
        }
        finally
        {
            record = null;
        }
    }

    /**
     * @return whether the tailer's next excerpt was the one asked for, now decoded; {@link #readElsewhere} says
     *         whether it read another one instead (its cycle had ended and the next cycle's first came).
     */
    private boolean readHere()
    {
        readElsewhere = false;
        return tailer.readBytes(decoder) && !readElsewhere;
    }

    /**
     * @param cycle a roll cycle of the journal.
     * @return how many records it holds now; 0 if it has no file.
     */
    public long recordsInCycle(final int cycle)
    {
        return tailer.excerptsInCycle(cycle);
    }

    /**
     * @return how many records this reader has decoded since it was made.
     */
    public long recordsRead()
    {
        return recordsRead;
    }

    /**
     * Release the tailer. Idempotent.
     */
    @Override
    public void close()
    {
        tailer.close();
    }

    private void decode(final BytesIn<?> bytes)
    {
        if (tailer.index() != readingIndex)
        {
            readElsewhere = true;
            return;
        }
        recordsRead++;
        record = withReplayBytes ? ErrorRecordCodec.decode(readingIndex, bytes) :
            ErrorRecordCodec.decodeWithoutReplayBytes(readingIndex, bytes);
    }
}

package org.spm4j.shm.journal;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import net.openhft.chronicle.core.io.BackgroundResourceReleaser;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.CloseHelper;
import org.spm4j.shm.ProtocolException;

/**
 * One queue of an error journal as an {@link ErrorJournalScanner} reads it, read-only: the record read from it that
 * is not handed on yet, and how many records each of its cycles held when it was opened, to tell how many it could
 * not read. Not thread-safe.
 */
final class ScannedQueue implements AutoCloseable
{
    final Path directory;
    private final int spokeId;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final Map<Integer, Long> recordsAtOpen;
    private final Map<Integer, Long> recordsDecoded = new TreeMap<>();
    private final CycleFiles cycleFiles;
    private int lengthCycle = Integer.MIN_VALUE;
    private long cycleFileLength;
    private boolean damagedAhead;
    private ErrorRecord next;
    private long nextIndex;

    /**
     * @throws ProtocolException             if a file of the queue is not a Chronicle queue file.
     * @throws java.io.UncheckedIOException if a file of the queue cannot be read.
     */
    ScannedQueue(final Path journal, final int spokeId, final Path directory)
    {
        QueueFileCheck.check(journal, directory);
        this.directory = directory;
        this.spokeId = spokeId;
        this.queue = SingleChronicleQueueBuilder.binary(directory)
            .readOnly(true)
            .rollCycle(ErrorJournal.DEFAULT_ROLL_CYCLE)
            .build();
        try
        {
            this.cycleFiles = new CycleFiles(queue);
            this.tailer = queue.createTailer();
            this.recordsAtOpen = recordsPerCycle();
        }
        catch (final RuntimeException | Error ex)
        {
            queue.close();
            BackgroundResourceReleaser.releasePendingResources();
            throw ex;
        }
    }

    /**
     * @return the record read and not handed on yet; null if none.
     */
    ErrorRecord next()
    {
        return next;
    }

    /**
     * @return the journal index of {@link #next()}.
     */
    long nextIndex()
    {
        return nextIndex;
    }

    /**
     * @return {@link #next()}, which is handed on now.
     */
    ErrorRecord takeNext()
    {
        final ErrorRecord record = next;
        next = null;
        return record;
    }

    /**
     * Read the queue's next record, unless one is waiting already or damage stopped the tailer for good.
     *
     * @return how many records did not decode and were skipped, each reported: 0 or 1.
     */
    int fillSkippingUndecoded(final UndecodedRecordHandler onUndecoded)
    {
        if (null != next || damagedAhead)
        {
            return 0;
        }
        final long index;
        ErrorRecord record = null;
        ProtocolException undecoded = null;
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                return 0;
            }
            index = document.index();
            if (endsPastItsFile(index, document.wire().bytes().readLimit()))
            {
                damagedAhead = true;
                return 0;
            }
            try
            {
                record = ErrorRecordCodec.decode(index, document.wire().bytes());
            }
            catch (final ProtocolException ex)
            {
                undecoded = ex;
            }
        }
        catch (final RuntimeException ex)
        {
            // Chronicle could not make sense of a damaged header; the records behind it cannot be reached
            damagedAhead = true;
            return 0;
        }
        if (null != undecoded)
        {
            onUndecoded.onUndecoded(spokeId, index, undecoded);
            return 1;
        }
        recordsDecoded.merge(queue.rollCycle().toCycle(index), 1L, Long::sum);
        next = record;
        nextIndex = index;
        return 0;
    }

    /**
     * A damaged length makes Chronicle present a record that ends past the end of its cycle file; reading it, or
     * the header behind it, would touch mapped memory no file backs, which faults (raised by the JVM as an
     * {@link InternalError}, in compiled code only later and somewhere else). The file's length is read again
     * when a record seems to end past it, as the file of a live cycle grows, and for each new cycle.
     */
    private boolean endsPastItsFile(final long index, final long recordEnd)
    {
        final int cycle = queue.rollCycle().toCycle(index);
        if (cycle != lengthCycle || recordEnd > cycleFileLength)
        {
            lengthCycle = cycle;
            cycleFileLength = cycleFiles.length(cycle);
        }
        return recordEnd > cycleFileLength;
    }

    /**
     * @return how many records the queue held when it was opened that were not decoded, not counting those of
     *         cycles released since: those that did not decode and those behind damage the tailer cannot pass.
     */
    long recordsSkipped()
    {
        long skipped = 0;
        for (final Map.Entry<Integer, Long> cycle : recordsAtOpen.entrySet())
        {
            final long decoded = recordsDecoded.getOrDefault(cycle.getKey(), 0L);
            if (cycle.getValue() > decoded)
            {
                skipped += Math.max(0, Math.min(cycle.getValue(), recordsInCycle(cycle.getKey())) - decoded);
            }
        }
        return skipped;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(tailer, queue);
    }

    /**
     * Chronicle counts a cycle's records from where its last one was written, without reading them, so damage in
     * between does not change the count.
     */
    private Map<Integer, Long> recordsPerCycle()
    {
        final Map<Integer, Long> records = new TreeMap<>();
        final int first = queue.firstCycle();
        final int last = queue.lastCycle();
        if (first <= last)
        {
            for (final Long cycle : queue.listCyclesBetween(first, last))
            {
                records.put(cycle.intValue(), recordsInCycle(cycle.intValue()));
            }
        }
        return records;
    }

    /**
     * A tailer of its own: counting moves it to the cycle.
     */
    private long recordsInCycle(final int cycle)
    {
        try (ExcerptTailer counter = queue.createTailer())
        {
            return Math.max(0, counter.excerptsInCycle(cycle));
        }
    }
}

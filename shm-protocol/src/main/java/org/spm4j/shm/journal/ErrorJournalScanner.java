package org.spm4j.shm.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import net.openhft.chronicle.core.io.BackgroundResourceReleaser;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.CloseHelper;
import org.spm4j.shm.ProtocolException;

/**
 * Reads every record of an error journal from the first, the hub's queue and each spoke's ({@link ErrorJournalLayout}),
 * merged into one sequence by the time each record was written: records of one queue keep their order, and of
 * records of different queues the oldest comes first. Read-only: it writes nothing to the journal, needs no write
 * access and keeps no position there, so a live pool is not disturbed. A spoke queue that appears while it reads is
 * picked up when {@link #read} finds nothing new. Each queue's files are checked to be Chronicle queue files before
 * Chronicle opens them, so that a damaged journal is told at once; records that cannot be read are skipped and
 * counted ({@link #recordsSkipped}).
 * <p>
 * Not thread-safe.
 */
public final class ErrorJournalScanner implements AutoCloseable
{
    private static final String QUEUE_FILE_SUFFIX = SingleChronicleQueue.SUFFIX;

    static
    {
        ChronicleQuiet.ensure();
    }

    private final Path directory;
    private final List<ScannedQueue> queues = new ArrayList<>();

    private ErrorJournalScanner(final Path directory)
    {
        this.directory = directory;
    }

    /**
     * @param directory an error journal's directory.
     * @return a scanner before the first record of each of its queues.
     * @throws IllegalArgumentException if the directory is not an error journal: it holds no queue.
     * @throws ProtocolException        if a file of a queue is not a Chronicle queue file, or has no header; the
     *                                  message names the journal and the file.
     * @throws UncheckedIOException     if it, or a file of a queue, cannot be read; the message names which.
     * @throws RuntimeException         whatever Chronicle throws for a queue it cannot open.
     */
    public static ErrorJournalScanner open(final Path directory)
    {
        final ErrorJournalScanner scanner = new ErrorJournalScanner(directory);
        try
        {
            if (!scanner.openNewQueues())
            {
                throw new IllegalArgumentException(directory + " is not an error journal: it holds no Chronicle " +
                    "Queue files");
            }
            return scanner;
        }
        catch (final RuntimeException | Error ex)
        {
            scanner.close();
            throw ex;
        }
    }

    /**
     * @param directory a directory.
     * @return whether it holds the files of a Chronicle queue itself, not counting those of its spokes.
     * @throws UncheckedIOException if it exists but cannot be listed.
     */
    public static boolean holdsQueue(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return false;
        }
        try (Stream<Path> files = Files.list(directory))
        {
            return files.anyMatch(file -> file.getFileName().toString().contains(QUEUE_FILE_SUFFIX));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list error journal " + directory, ex);
        }
    }

    /**
     * Hand up to {@code limit} records to {@code handler}, oldest first, with the index each has in its spoke's
     * queue. Returns early, without waiting, when no more are there.
     *
     * @param handler     receives each record and its index.
     * @param onUndecoded receives what stopped a record from decoding; the record is skipped.
     * @param limit       most records to read.
     * @return records read, decoded or not; 0 when there are none for now.
     * @throws ProtocolException    if a queue that appeared is not one: see {@link #open}.
     * @throws UncheckedIOException if a queue that appeared cannot be read.
     */
    public int read(final ErrorRecordHandler handler, final Consumer<ProtocolException> onUndecoded, final int limit)
    {
        return read(handler, (spokeId, index, reason) -> onUndecoded.accept(reason), limit);
    }

    /**
     * As {@link #read(ErrorRecordHandler, Consumer, int)}, telling which record did not decode.
     *
     * @param handler     receives each record and its index.
     * @param onUndecoded receives the spoke and index of a record that does not decode, and why; it is skipped.
     * @param limit       most records to read.
     * @return records read, decoded or not; 0 when there are none for now.
     * @throws ProtocolException    if a queue that appeared is not one: see {@link #open}.
     * @throws UncheckedIOException if a queue that appeared cannot be read.
     */
    public int read(final ErrorRecordHandler handler, final UndecodedRecordHandler onUndecoded, final int limit)
    {
        int read = 0;
        while (read < limit)
        {
            ScannedQueue oldest = null;
            int skipped = 0;
            for (final ScannedQueue queue : queues)
            {
                skipped += queue.fillSkippingUndecoded(onUndecoded);
                if (null != queue.next() &&
                    (null == oldest || queue.next().timeEpochMs() < oldest.next().timeEpochMs()))
                {
                    oldest = queue;
                }
            }
            read += skipped;
            if (null == oldest)
            {
                if (0 == skipped && !openNewQueues())
                {
                    break;
                }
                continue;
            }
            read++;
            final long index = oldest.nextIndex();
            handler.onRecord(oldest.takeNext(), index);
        }
        return read;
    }

    /**
     * How many records were skipped: those that did not decode, and those behind damage that a queue cannot be read
     * past, such as a record header overwritten. Counted against how many records each queue held when it was opened,
     * as Chronicle keeps count of them; records of cycles released since do not count. Complete once {@link #read}
     * returned 0.
     *
     * @return records of the journal not handed to a handler.
     */
    public long recordsSkipped()
    {
        long skipped = 0;
        for (final ScannedQueue queue : queues)
        {
            skipped += queue.recordsSkipped();
        }
        return skipped;
    }

    /**
     * Close every queue. Idempotent. Without a queue open it leaves Chronicle alone: starting it only to release
     * nothing would take most of a second from telling that a journal cannot be read.
     */
    @Override
    public void close()
    {
        if (!queues.isEmpty())
        {
            CloseHelper.closeAll(queues);
            queues.clear();
            BackgroundResourceReleaser.releasePendingResources();
        }
    }

    /**
     * @return whether a queue was opened.
     */
    private boolean openNewQueues()
    {
        final int before = queues.size();
        final Map<Integer, Path> candidates = new LinkedHashMap<>();
        candidates.put(ErrorJournalLayout.HUB, directory);
        candidates.putAll(ErrorJournalLayout.spokeQueueDirectories(directory));
        candidates.forEach((spokeId, queueDirectory) ->
        {
            if (!isOpen(queueDirectory) && holdsQueue(queueDirectory))
            {
                queues.add(new ScannedQueue(directory, spokeId, queueDirectory));
            }
        });
        return queues.size() > before;
    }

    private boolean isOpen(final Path queueDirectory)
    {
        return queues.stream().anyMatch(queue -> queue.directory.equals(queueDirectory));
    }
}

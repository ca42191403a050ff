package org.spm4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.journal.ErrorJournal;
import org.spm4j.shm.journal.ErrorRecordCodec;
import org.spm4j.shm.journal.ErrorRecordHandler;

/**
 * Reads an error journal from its first record, read-only, with an unnamed tailer: a named
 * {@link org.spm4j.shm.journal.ErrorJournalDrainer} would write its position into the journal's
 * metadata, which holds only so many names, and would need write access. Not thread-safe.
 */
final class JournalReader implements AutoCloseable
{
    private static final String CHRONICLE_SUFFIX = ".cq4";
    private static final String[] QUIET_PROPERTIES =
    {
        "chronicle.analytics.disable", "chronicle.announcer.disable", "disable.perf.info",
    };

    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;

    private JournalReader(final SingleChronicleQueue queue)
    {
        this.queue = queue;
        this.tailer = queue.createTailer();
    }

    /**
     * @param directory an error journal directory.
     * @return a reader at its first record.
     * @throws BadInputException if the directory is not a readable error journal.
     */
    static JournalReader open(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            throw new BadInputException("no error journal at " + directory + ": no such directory");
        }
        if (!Files.isReadable(directory) || !Files.isExecutable(directory))
        {
            throw new BadInputException("cannot read the error journal " + directory + ": permission denied");
        }
        if (!holdsQueueFiles(directory))
        {
            throw new BadInputException(directory + " is not an error journal: it holds no Chronicle Queue files");
        }
        quietChronicle();
        try
        {
            return new JournalReader(SingleChronicleQueueBuilder.binary(directory)
                .readOnly(true)
                .rollCycle(ErrorJournal.DEFAULT_ROLL_CYCLE)
                .build());
        }
        catch (final RuntimeException ex)
        {
            throw new BadInputException("cannot read the error journal " + directory + ": " + ex, ex);
        }
    }

    /**
     * @param handler     receives each record and its index.
     * @param onUndecoded receives what stopped a record from decoding; the record is skipped.
     * @param limit       most records to read.
     * @return records read, decoded or not; 0 when there are no more for now.
     */
    int read(final ErrorRecordHandler handler, final Consumer<ProtocolException> onUndecoded, final int limit)
    {
        int read = 0;
        while (read < limit)
        {
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    return read;
                }
                read++;
                try
                {
                    handler.onRecord(ErrorRecordCodec.decode(document.index(), document.wire().bytes()),
                        document.index());
                }
                catch (final ProtocolException ex)
                {
                    onUndecoded.accept(ex);
                }
            }
        }
        return read;
    }

    @Override
    public void close()
    {
        tailer.close();
        queue.close();
    }

    private static boolean holdsQueueFiles(final Path directory)
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.anyMatch(file -> file.getFileName().toString().contains(CHRONICLE_SUFFIX));
        }
        catch (final IOException ex)
        {
            throw new BadInputException("cannot list the error journal " + directory + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The journal's own classes do this before Chronicle initialises; this reader reaches Chronicle first.
     */
    private static void quietChronicle()
    {
        for (final String property : QUIET_PROPERTIES)
        {
            if (null == System.getProperty(property))
            {
                System.setProperty(property, "true");
            }
        }
    }
}

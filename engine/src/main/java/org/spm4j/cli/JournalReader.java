package org.spm4j.cli;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.journal.ErrorJournalScanner;
import org.spm4j.shm.journal.ErrorRecordHandler;
import org.spm4j.shm.journal.UndecodedRecordHandler;

/**
 * Reads an error journal from its first record, every spoke's queue and the hub's merged by time, read-only (see
 * {@link ErrorJournalScanner}): a named {@link org.spm4j.shm.journal.ErrorJournalDrainer} would write its position
 * into the journal's metadata, which holds only so many names, and would need write access. Not thread-safe.
 */
final class JournalReader implements AutoCloseable
{
    private final ErrorJournalScanner scanner;

    private JournalReader(final ErrorJournalScanner scanner)
    {
        this.scanner = scanner;
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
        try
        {
            return new JournalReader(ErrorJournalScanner.open(directory));
        }
        catch (final IllegalArgumentException | ProtocolException | UncheckedIOException ex)
        {
            throw new BadInputException(ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            throw new BadInputException("cannot read the error journal " + directory + ": " + ex, ex);
        }
    }

    /**
     * @param handler     receives each record and its index in its spoke's queue.
     * @param onUndecoded receives what stopped a record from decoding; the record is skipped.
     * @param limit       most records to read.
     * @return records read, decoded or not; 0 when there are no more for now.
     * @throws BadInputException if a queue that appeared meanwhile is not readable.
     */
    int read(final ErrorRecordHandler handler, final Consumer<ProtocolException> onUndecoded, final int limit)
    {
        return read(handler, (spokeId, index, reason) -> onUndecoded.accept(reason), limit);
    }

    /**
     * @param handler     receives each record and its index in its spoke's queue.
     * @param onUndecoded receives the spoke and index of a record that does not decode, and why; it is skipped.
     * @param limit       most records to read.
     * @return records read, decoded or not; 0 when there are no more for now.
     * @throws BadInputException if a queue that appeared meanwhile is not readable.
     */
    int read(final ErrorRecordHandler handler, final UndecodedRecordHandler onUndecoded, final int limit)
    {
        try
        {
            return scanner.read(handler, onUndecoded, limit);
        }
        catch (final ProtocolException | UncheckedIOException ex)
        {
            throw new BadInputException(ex.getMessage(), ex);
        }
    }

    /**
     * @return records of the journal that could not be read and were skipped, once {@link #read} returned 0.
     */
    long recordsSkipped()
    {
        return scanner.recordsSkipped();
    }

    @Override
    public void close()
    {
        scanner.close();
    }
}

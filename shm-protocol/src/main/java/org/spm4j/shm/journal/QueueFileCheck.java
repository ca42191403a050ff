package org.spm4j.shm.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.Wires;
import org.spm4j.shm.ProtocolException;

/**
 * Checks that the files of a queue directory are readable Chronicle queue files before Chronicle opens them: given
 * a file that is not one, Chronicle waits for its header to be finished, or retries a lock it mistakes the damage
 * for, ten seconds each, and then blames the lock or reads nothing. Every Chronicle queue file, the metadata file as
 * each roll-cycle file, starts with a header message whose first field is named {@code header}:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |N|M|              Length of the message (native order)         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Field name   | Name length 6 |      'h'      |      'e'      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |      'a'      |      'd'      |      'e'      |      'r'      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  The store: its type, then its fields ...                     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * N (not complete) is clear and M (meta-data) set once the header is written. A file being created holds 0 there,
 * then N alone while its writer writes the rest; it is given {@link #UNFINISHED_HEADER_WAIT_MS} to be finished.
 * A file deleted while it is checked, a cycle released by a live pool, is no longer there to read and passes.
 * Stateless.
 */
final class QueueFileCheck
{
    /** How long a file whose header is being written is given to be finished, as its writer does in microseconds. */
    static final long UNFINISHED_HEADER_WAIT_MS = 500;

    private static final byte FIELD_NAME_ANY = (byte)0xB9;
    private static final byte FIELD_NAME_0 = (byte)0xC0;
    private static final byte[] HEADER_NAME = "header".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER_LENGTH = 64 << 10;
    private static final int CHECKED_LENGTH = Wires.SPB_HEADER_SIZE + 2 + HEADER_NAME.length;
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private enum Header
    {
        WRITTEN, UNFINISHED, FOREIGN, RELEASED
    }

    private QueueFileCheck()
    {
    }

    /**
     * @param journal        the journal's directory, which messages name files relative to.
     * @param queueDirectory one of its queue directories.
     * @throws ProtocolException    if a file of the queue is not a Chronicle queue file, or its header was not
     *                              finished in time.
     * @throws UncheckedIOException if a file cannot be read.
     */
    static void check(final Path journal, final Path queueDirectory)
    {
        for (final Path file : queueFiles(journal, queueDirectory))
        {
            checkFile(journal, file);
        }
    }

    private static List<Path> queueFiles(final Path journal, final Path queueDirectory)
    {
        final List<Path> files = new ArrayList<>();
        final Path metadata = queueDirectory.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE);
        // a read-only queue does without a metadata file it cannot read, but not with one it reads and cannot parse
        if (Files.isReadable(metadata))
        {
            files.add(metadata);
        }
        try (Stream<Path> entries = Files.list(queueDirectory))
        {
            entries.filter(file -> file.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX))
                .sorted()
                .forEach(files::add);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the error journal " + journal + ": cannot list " +
                queueDirectory + ": " + ex, ex);
        }
        return files;
    }

    private static void checkFile(final Path journal, final Path file)
    {
        final long giveUpNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(UNFINISHED_HEADER_WAIT_MS);
        Header header = header(journal, file);
        while (Header.UNFINISHED == header && System.nanoTime() - giveUpNs < 0)
        {
            LockSupport.parkNanos(POLL_NS);
            header = header(journal, file);
        }
        if (Header.FOREIGN == header)
        {
            throw new ProtocolException(journal + " is not a readable error journal: " + journal.relativize(file) +
                " is not a Chronicle queue file");
        }
        if (Header.UNFINISHED == header)
        {
            throw new ProtocolException(journal + " is not a readable error journal: " + journal.relativize(file) +
                " has no header: it is empty, or its writer stopped before writing one");
        }
    }

    private static Header header(final Path journal, final Path file)
    {
        final ByteBuffer start = ByteBuffer.allocate(CHECKED_LENGTH).order(ByteOrder.nativeOrder());
        final long size;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            size = channel.size();
            int read;
            do
            {
                read = channel.read(start, start.position());
            }
            while (read > 0 && start.hasRemaining());
        }
        catch (final NoSuchFileException ex)
        {
            return Header.RELEASED;
        }
        catch (final AccessDeniedException ex)
        {
            throw new UncheckedIOException("cannot read the error journal " + journal + ": no permission to read " +
                journal.relativize(file), ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the error journal " + journal + ": cannot read " +
                journal.relativize(file) + ": " + ex, ex);
        }
        return classify(start, size);
    }

    private static Header classify(final ByteBuffer start, final long size)
    {
        if (start.position() < Wires.SPB_HEADER_SIZE)
        {
            return Header.UNFINISHED;
        }
        final int header = start.getInt(0);
        if (Wires.NOT_INITIALIZED == header || Wires.NOT_COMPLETE_UNKNOWN_LENGTH == header)
        {
            return Header.UNFINISHED;
        }
        final int length = header & Wires.LENGTH_MASK;
        final boolean writtenMetaData = (header & (Wires.NOT_COMPLETE | Wires.META_DATA)) == Wires.META_DATA;
        final boolean plausible = writtenMetaData && length >= HEADER_NAME.length + 1 && length <= MAX_HEADER_LENGTH &&
            Wires.SPB_HEADER_SIZE + (long)length <= size;
        return plausible && namesHeader(start) ? Header.WRITTEN : Header.FOREIGN;
    }

    /**
     * Chronicle writes the name as any-length field name, a length then the characters, or as a field name whose
     * code holds its length.
     */
    private static boolean namesHeader(final ByteBuffer start)
    {
        final int at = Wires.SPB_HEADER_SIZE;
        if (start.get(at) == FIELD_NAME_ANY && start.get(at + 1) == HEADER_NAME.length)
        {
            return start.position() >= at + 2 + HEADER_NAME.length && matches(start, at + 2);
        }
        return start.get(at) == (byte)(FIELD_NAME_0 + HEADER_NAME.length) && matches(start, at + 1);
    }

    private static boolean matches(final ByteBuffer start, final int at)
    {
        if (start.position() < at + HEADER_NAME.length)
        {
            return false;
        }
        for (int i = 0; i < HEADER_NAME.length; i++)
        {
            if (start.get(at + i) != HEADER_NAME[i])
            {
                return false;
            }
        }
        return true;
    }
}

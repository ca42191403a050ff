package org.spm4j.shm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.shm.mailbox.ElementPayloads;

/**
 * The segments of a pool's values too large for a message, one file each in {@code <pool>/values/}, referenced by
 * name as {@link ValueDescriptor} lays out. A segment is written once, by file writes rather than through a mapping
 * (a full file system then fails the write, not a later touch of the page), read through a read-only mapping, and
 * deleted by the hub: an argument's when its task ends, a result's once decoded or dropped, and all a spoke wrote
 * once it is gone. Names tell the writer: {@code hub-<n>.val}, or {@code spoke-<id>-<pid>-<n>.val}, {@code <n>}
 * unique in the writing process. Thread-safe.
 */
public final class ValueSegments
{
    /** The longest name a segment has. */
    public static final int MAX_NAME_LENGTH = 64;

    /** Free bytes of the file system a directory is on; tests give their own figure. */
    @FunctionalInterface
    public interface FreeSpace
    {
        /**
         * @param directory a directory.
         * @return bytes this process may still write there.
         * @throws IOException if the file system cannot say.
         */
        long usableBytes(Path directory) throws IOException;
    }

    /** What the file system says through {@link java.nio.file.FileStore#getUsableSpace()}. */
    public static final FreeSpace FILE_STORE = directory -> Files.getFileStore(directory).getUsableSpace();

    private static final String SUFFIX = ".val";
    private static final String HUB = "hub";
    private static final String SPOKE = "spoke-";
    private static final Pattern NAME = Pattern.compile("(hub|spoke-[0-9]{1,10}-[0-9]{1,19})-[0-9]{1,19}\\.val");
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** Heap bytes go to the file through a temporary direct buffer of their size, which the thread keeps. */
    private static final int WRITE_SLICE = 256 * 1024;

    private final Path poolDirectory;
    private final Path directory;
    private final String writer;
    private final FreeSpace freeSpace;

    private ValueSegments(final PoolDirectory pool, final String writer, final FreeSpace freeSpace)
    {
        this.poolDirectory = pool.path();
        this.directory = pool.valuesDirectory();
        this.writer = writer;
        this.freeSpace = freeSpace;
    }

    /**
     * @param pool the pool.
     * @return its segments as its hub writes them.
     */
    public static ValueSegments ofHub(final PoolDirectory pool)
    {
        return new ValueSegments(pool, HUB, FILE_STORE);
    }

    /**
     * @param pool      the pool.
     * @param freeSpace how free bytes are told.
     * @return its segments as its hub writes them.
     */
    public static ValueSegments ofHub(final PoolDirectory pool, final FreeSpace freeSpace)
    {
        return new ValueSegments(pool, HUB, freeSpace);
    }

    /**
     * @param pool    the pool.
     * @param spokeId the spoke, in this process.
     * @return its segments as that spoke writes them.
     */
    public static ValueSegments ofSpoke(final PoolDirectory pool, final int spokeId)
    {
        return ofSpoke(pool, spokeId, FILE_STORE);
    }

    /**
     * @param pool      the pool.
     * @param spokeId   the spoke, in this process.
     * @param freeSpace how free bytes are told.
     * @return its segments as that spoke writes them.
     */
    public static ValueSegments ofSpoke(final PoolDirectory pool, final int spokeId, final FreeSpace freeSpace)
    {
        return new ValueSegments(pool, spokePrefix(spokeId) + ProcessHandle.current().pid(), freeSpace);
    }

    /**
     * @return the directory of the segments.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * Write a new segment, owner-only, after checking that the file system has room for it.
     *
     * @param bytes  holding the value's codec bytes.
     * @param offset where they start.
     * @param length how many.
     * @return the segment's name.
     * @throws IllegalArgumentException if the bytes are more than the pool root's file system has free, or cannot be
     *                                  written, naming their length, the free bytes and the path.
     */
    public String write(final byte[] bytes, final int offset, final int length)
    {
        final String name = writer + "-" + SEQUENCE.incrementAndGet() + SUFFIX;
        final Path path = directory.resolve(name);
        final long free = usableBytes();
        if (length > free)
        {
            throw new IllegalArgumentException("its " + length + " bytes encoded are more than the " + free +
                " bytes free on the file system of the pool root " + poolDirectory.getParent() + " (for " + path + ")");
        }
        try
        {
            createDirectory();
            writeFile(path, bytes, offset, length);
        }
        catch (final IOException ex)
        {
            deleteQuietly(path);
            throw new IllegalArgumentException("its " + length + " bytes encoded cannot be written to " + path + " (" +
                ex + "); the file system of the pool root " + poolDirectory.getParent() + " had " + free +
                " bytes free", ex);
        }
        return name;
    }

    /**
     * @param name   a segment's name.
     * @param length the bytes it must hold.
     * @return the segment mapped read-only, to be closed once decoded.
     * @throws IllegalArgumentException if the name is not a segment's, or the segment is gone, cannot be read, or
     *                                  holds another length.
     */
    public Mapping map(final String name, final int length)
    {
        final Path path = directory.resolve(checkName(name));
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))
        {
            final long size = channel.size();
            if (size != length)
            {
                throw new IllegalArgumentException("value segment " + path + " holds " + size + " bytes, not the " +
                    length + " its reference names");
            }
            return new Mapping(channel.map(FileChannel.MapMode.READ_ONLY, 0, length));
        }
        catch (final NoSuchFileException ex)
        {
            throw new IllegalArgumentException("value segment " + path + " is gone: the task it belongs to ended, or " +
                "its pool closed", ex);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("value segment " + path + " cannot be read: " + ex, ex);
        }
    }

    /**
     * Delete a segment, if it is there.
     *
     * @param name a segment's name.
     */
    public void delete(final String name)
    {
        final Path path = directory.resolve(checkName(name));
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            System.err.println("spm4j: value segment " + path + " cannot be removed, its pool's end will: " + ex);
        }
    }

    /**
     * A result no one will decode, or has decoded: the segment it references, if a spoke wrote one, goes. A value
     * that references no spoke's segment (an inline one, or one forged or mangled) is left alone.
     *
     * @param buffer holding an encoded result.
     * @param offset where it starts.
     * @param length its length.
     */
    public void discardResult(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < ValueDescriptor.FORM_LENGTH || ValueDescriptor.SEGMENT != buffer.getByte(offset))
        {
            return;
        }
        final String name;
        try
        {
            name = ValueDescriptor.segmentName(buffer, offset, length);
        }
        catch (final IllegalArgumentException ex)
        {
            return;
        }
        if (name.startsWith(SPOKE))
        {
            delete(name);
        }
    }

    /**
     * A status part no one will read: the segments its results reference go, as {@link #discardResult} says.
     *
     * @param buffer holding the part's entries, as {@link ElementPayloads} lays them out.
     * @param offset where they start.
     * @param length their length.
     */
    public void discardResults(final DirectBuffer buffer, final int offset, final int length)
    {
        ElementPayloads.forEachResult(buffer, offset, length, this::discardResult);
    }

    /**
     * A spoke process is gone: what it wrote goes, results it reported but no one decoded, and one it was writing.
     * Its slot's successor must not have started yet.
     *
     * @param spokeId the spoke's slot.
     * @return segments deleted.
     */
    public int deleteSpokeSegments(final int spokeId)
    {
        int deleted = 0;
        try (DirectoryStream<Path> written = Files.newDirectoryStream(directory, spokePrefix(spokeId) + "*"))
        {
            for (final Path path : written)
            {
                deleted += Files.deleteIfExists(path) ? 1 : 0;
            }
        }
        catch (final NoSuchFileException ex)
        {
            return deleted;
        }
        catch (final IOException ex)
        {
            System.err.println("spm4j: value segments of spoke " + spokeId + " in " + directory + " cannot be " +
                "removed, its pool's end will: " + ex);
        }
        return deleted;
    }

    /**
     * @param name what a reference names.
     * @return the name, if {@link ValueSegments} could have made it: a plain file name, never a path.
     * @throws IllegalArgumentException if not.
     */
    static String checkName(final String name)
    {
        if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches())
        {
            throw new IllegalArgumentException("'" + name + "' is not the name of a value segment");
        }
        return name;
    }

    private static String spokePrefix(final int spokeId)
    {
        return SPOKE + spokeId + "-";
    }

    private long usableBytes()
    {
        try
        {
            return freeSpace.usableBytes(poolDirectory);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("the free space of pool directory " + poolDirectory + " cannot be " +
                "told: " + ex, ex);
        }
    }

    private void createDirectory() throws IOException
    {
        try
        {
            Files.createDirectory(directory, OwnerOnly.DIRECTORY);
        }
        catch (final FileAlreadyExistsException ex)
        {
            // another writer of the pool made it first
        }
    }

    private static void writeFile(final Path path, final byte[] bytes, final int offset, final int length)
        throws IOException
    {
        try (FileChannel channel = FileChannel.open(path, Set.<OpenOption>of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), OwnerOnly.FILE))
        {
            int written = 0;
            while (written < length)
            {
                written += channel.write(ByteBuffer.wrap(bytes, offset + written, Math.min(WRITE_SLICE,
                    length - written)));
            }
        }
    }

    private static void deleteQuietly(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ignored)
        {
            // the pool's end removes it
        }
    }

    /**
     * A segment mapped read-only, its bytes valid until closed. One thread.
     */
    public static final class Mapping implements AutoCloseable
    {
        private final MappedByteBuffer mapped;
        private final UnsafeBuffer buffer;

        private Mapping(final MappedByteBuffer mapped)
        {
            this.mapped = mapped;
            this.buffer = new UnsafeBuffer(mapped);
        }

        /**
         * @return the segment's bytes, from 0.
         */
        public DirectBuffer buffer()
        {
            return buffer;
        }

        /**
         * Unmap now rather than when the collector gets to it: a segment may be a gigabyte.
         */
        @Override
        public void close()
        {
            IoUtil.unmap(mapped);
        }
    }
}

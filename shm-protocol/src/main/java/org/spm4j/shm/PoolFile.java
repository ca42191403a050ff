package org.spm4j.shm;

import static org.spm4j.shm.PoolFileDescriptor.CLOSURE_TABLE_LENGTH_OFFSET;
import static org.spm4j.shm.PoolFileDescriptor.COUNTERS_VALUES_LENGTH_OFFSET;
import static org.spm4j.shm.PoolFileDescriptor.FILE_LENGTH_OFFSET;
import static org.spm4j.shm.PoolFileDescriptor.HEADER_LENGTH;
import static org.spm4j.shm.PoolFileDescriptor.HUB_HEARTBEAT_OFFSET;
import static org.spm4j.shm.PoolFileDescriptor.HUB_PID_OFFSET;
import static org.spm4j.shm.PoolFileDescriptor.HUB_START_TIME_OFFSET;
import static org.spm4j.shm.PoolFileDescriptor.INBOX_LENGTH_OFFSET;
import static org.spm4j.shm.PoolFileDescriptor.LAYOUT_VERSION;
import static org.spm4j.shm.PoolFileDescriptor.LAYOUT_VERSION_OFFSET;
import static org.spm4j.shm.PoolFileDescriptor.MAGIC;
import static org.spm4j.shm.PoolFileDescriptor.MAGIC_OFFSET;
import static org.spm4j.shm.PoolFileDescriptor.SPOKE_COUNT_OFFSET;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.IoUtil;
import org.agrona.SemanticVersion;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A mapped {@code pool.shm}: created by the hub, opened by spokes and tools, laid out as
 * {@link PoolFileDescriptor} says. Section buffers returned here are views of the one mapping and are
 * valid until {@link #close()}. Thread-safe; the buffers carry their own memory-order rules.
 */
public final class PoolFile implements AutoCloseable
{
    /** Oldest hub heartbeat a spoke or tool that attaches to a pool accepts, see {@link #open}. */
    public static final long HUB_HEARTBEAT_TIMEOUT_MS = 10_000;

    private static final int ALLOCATION_CHUNK = 64 * 1024;

    private final Path path;
    private final PoolLayout layout;
    private final MappedByteBuffer mapping;
    private final UnsafeBuffer file;

    private PoolFile(final Path path, final PoolLayout layout, final MappedByteBuffer mapping)
    {
        this.path = path;
        this.layout = layout;
        this.mapping = mapping;
        this.file = new UnsafeBuffer(mapping);
    }

    /**
     * Create a pool file, owner read/write only, and publish its header.
     *
     * @param path   where; must not exist yet.
     * @param layout section sizes.
     * @param hub    the creating hub.
     * @param nowMs  initial hub heartbeat, epoch ms.
     * @return the mapped file.
     * @throws UncheckedIOException if the file cannot be created or mapped.
     */
    public static PoolFile create(final Path path, final PoolLayout layout, final HubIdentity hub, final long nowMs)
    {
        try
        {
            Files.createFile(path, OwnerOnly.FILE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create pool file " + path, ex);
        }
        allocate(path, layout.fileLength());

        final PoolFile poolFile = new PoolFile(path, layout, map(path, layout.fileLength()));
        poolFile.writeHeader(hub, nowMs);
        return poolFile;
    }

    /**
     * Every block written now, not on first touch: a pool that does not fit its file system fails here, naming
     * the space, rather than later as an unsafe memory access fault in whichever thread touches the hole.
     */
    private static void allocate(final Path path, final long length)
    {
        final ByteBuffer zeros = ByteBuffer.allocate(ALLOCATION_CHUNK);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE))
        {
            long position = 0;
            while (position < length)
            {
                zeros.clear().limit((int)Math.min(ALLOCATION_CHUNK, length - position));
                position += channel.write(zeros, position);
            }
        }
        catch (final IOException ex)
        {
            final String free = freeSpace(path);
            deleteQuietly(path);
            throw new UncheckedIOException("cannot create pool file " + path + " of " + length + " bytes: " +
                ex.getMessage() + "; its file system has " + free + " bytes free", ex);
        }
    }

    private static String freeSpace(final Path path)
    {
        try
        {
            return Long.toString(Files.getFileStore(path).getUsableSpace());
        }
        catch (final IOException ex)
        {
            return "an unknown number of";
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
            // the pool directory it is in is removed with it
        }
    }

    /**
     * Open and validate an existing pool file: owner-only file and directory of this process's user,
     * magic, layout version, lengths, a possible hub identity and a live, recently heartbeating hub.
     *
     * @param path               the pool file.
     * @param clock              clock the heartbeat is judged by.
     * @param heartbeatTimeoutMs oldest acceptable hub heartbeat.
     * @return the mapped file.
     * @throws ProtocolException naming the file and the problem if it is not a usable pool file.
     */
    public static PoolFile open(final Path path, final EpochClock clock, final long heartbeatTimeoutMs)
    {
        final PoolFile poolFile = openWithoutLivenessCheck(path);
        try
        {
            poolFile.verifyHubIsLive(clock.time(), heartbeatTimeoutMs);
            return poolFile;
        }
        catch (final RuntimeException ex)
        {
            poolFile.close();
            throw ex;
        }
    }

    /**
     * Open and validate an existing pool file whatever the state of its hub, for tools that inspect
     * pools or remove stale ones. The file and its directory must belong to this process's user and
     * have no group or other permission: anyone else who could write them could forge tasks and closures.
     *
     * @param path the pool file.
     * @return the mapped file.
     * @throws ProtocolException naming the file and the problem if it is not a valid pool file.
     */
    public static PoolFile openWithoutLivenessCheck(final Path path)
    {
        OwnerOnly.verifyFile(path, "pool file");
        OwnerOnly.verifyDirectory(path.toAbsolutePath().getParent(), "pool directory");
        final long actualLength = sizeOf(path);
        if (actualLength < HEADER_LENGTH)
        {
            throw problem(path, "is truncated: " + actualLength + " bytes, the header alone needs " + HEADER_LENGTH);
        }

        final MappedByteBuffer mapping = map(path, actualLength);
        try
        {
            final UnsafeBuffer header = new UnsafeBuffer(mapping);
            final PoolLayout layout = readLayout(path, header, actualLength);
            verifyHubIdentity(path, header);
            return new PoolFile(path, layout, mapping);
        }
        catch (final RuntimeException ex)
        {
            IoUtil.unmap(mapping);
            throw ex;
        }
    }

    private static PoolLayout readLayout(final Path path, final UnsafeBuffer header, final long actualLength)
    {
        final long magic = header.getLong(MAGIC_OFFSET);
        if (MAGIC != magic)
        {
            throw problem(path, "is not an spm4j pool file: magic 0x" + Long.toHexString(magic) + " instead of 0x" +
                Long.toHexString(MAGIC));
        }

        final int version = header.getIntVolatile(LAYOUT_VERSION_OFFSET);
        if (0 == version)
        {
            throw problem(path, "is not initialised yet: its hub has not published the layout version");
        }
        if (SemanticVersion.major(version) != PoolFileDescriptor.LAYOUT_MAJOR_VERSION)
        {
            throw problem(path, "has layout version " + PoolFileDescriptor.versionText(version) +
                ", this reader understands " + PoolFileDescriptor.LAYOUT_MAJOR_VERSION + ".x");
        }

        final PoolLayout layout = PoolLayout.fromRecordedLengths(
            header.getInt(SPOKE_COUNT_OFFSET),
            header.getInt(INBOX_LENGTH_OFFSET),
            header.getInt(CLOSURE_TABLE_LENGTH_OFFSET),
            header.getInt(COUNTERS_VALUES_LENGTH_OFFSET));
        if (null == layout)
        {
            throw problem(path, "has an impossible header: spokes=" + header.getInt(SPOKE_COUNT_OFFSET) +
                ", inbox length=" + header.getInt(INBOX_LENGTH_OFFSET) + ", closure table length=" +
                header.getInt(CLOSURE_TABLE_LENGTH_OFFSET) + ", counters length=" +
                header.getInt(COUNTERS_VALUES_LENGTH_OFFSET));
        }

        final long recordedLength = header.getLong(FILE_LENGTH_OFFSET);
        if (recordedLength != layout.fileLength())
        {
            throw problem(path, "records a file length of " + recordedLength + " bytes but its sections need " +
                layout.fileLength());
        }
        if (actualLength != recordedLength)
        {
            throw problem(path, "is truncated or padded: " + actualLength + " bytes, its header says " +
                recordedLength);
        }
        return layout;
    }

    private static void verifyHubIdentity(final Path path, final UnsafeBuffer header)
    {
        final String problem =
            new HubIdentity(header.getLong(HUB_PID_OFFSET), header.getLong(HUB_START_TIME_OFFSET)).problem();
        if (null != problem)
        {
            throw problem(path, "has an impossible hub identity: " + problem);
        }
    }

    private void verifyHubIsLive(final long nowMs, final long heartbeatTimeoutMs)
    {
        final HubIdentity hub = hubIdentity();
        if (!hub.isAlive())
        {
            throw problem(path, "belongs to a hub that is no longer running (pid " + hub.pid() + ", started at " +
                hub.startTimeMs() + " ms)");
        }
        final long ageMs = nowMs - hubHeartbeatVolatile();
        if (ageMs > heartbeatTimeoutMs)
        {
            throw problem(path, "has a stale hub heartbeat: " + ageMs + " ms old, limit " + heartbeatTimeoutMs + " ms");
        }
    }

    private void writeHeader(final HubIdentity hub, final long nowMs)
    {
        file.putLong(MAGIC_OFFSET, MAGIC);
        file.putInt(SPOKE_COUNT_OFFSET, layout.spokeCount());
        file.putLong(HUB_PID_OFFSET, hub.pid());
        file.putLong(HUB_START_TIME_OFFSET, hub.startTimeMs());
        file.putLong(HUB_HEARTBEAT_OFFSET, nowMs);
        file.putLong(FILE_LENGTH_OFFSET, layout.fileLength());
        file.putInt(INBOX_LENGTH_OFFSET, layout.inboxLength());
        file.putInt(CLOSURE_TABLE_LENGTH_OFFSET, layout.closureTableLength());
        file.putInt(COUNTERS_VALUES_LENGTH_OFFSET, layout.countersValuesLength());
        for (int spokeId = 0; spokeId < layout.spokeCount(); spokeId++)
        {
            spokeSlot(spokeId).reset();
        }
        file.putIntRelease(LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
    }

    /**
     * @return where the file lives.
     */
    public Path path()
    {
        return path;
    }

    /**
     * @return the section sizes and offsets.
     */
    public PoolLayout layout()
    {
        return layout;
    }

    /**
     * @return the layout version recorded in the file.
     */
    public int layoutVersion()
    {
        return file.getIntVolatile(LAYOUT_VERSION_OFFSET);
    }

    /**
     * @return the hub that created the pool.
     */
    public HubIdentity hubIdentity()
    {
        return new HubIdentity(file.getLong(HUB_PID_OFFSET), file.getLong(HUB_START_TIME_OFFSET));
    }

    /**
     * @return the hub's last heartbeat in epoch ms, acquire load.
     */
    public long hubHeartbeatVolatile()
    {
        return file.getLongVolatile(HUB_HEARTBEAT_OFFSET);
    }

    /**
     * @param nowMs the current time in epoch ms, release store; called by the hub only.
     */
    public void hubHeartbeatRelease(final long nowMs)
    {
        file.putLongRelease(HUB_HEARTBEAT_OFFSET, nowMs);
    }

    /**
     * @param spokeId 0 to spoke count - 1.
     * @return access to that spoke's slot.
     */
    public SpokeSlot spokeSlot(final int spokeId)
    {
        checkSpokeId(spokeId);
        return new SpokeSlot(section(layout.slotsOffset(), layout.slotsLength()), spokeId);
    }

    /**
     * @param spokeId 0 to spoke count - 1.
     * @return the buffer of that spoke's inbox.
     */
    public AtomicBuffer spokeInboxBuffer(final int spokeId)
    {
        checkSpokeId(spokeId);
        return section(layout.inboxOffset(spokeId), layout.inboxLength());
    }

    /**
     * @param spokeId 0 to spoke count - 1.
     * @return the buffer of that spoke's outbox, which only it writes to and only the hub reads.
     */
    public AtomicBuffer spokeOutboxBuffer(final int spokeId)
    {
        checkSpokeId(spokeId);
        return section(layout.outboxOffset(spokeId), layout.inboxLength());
    }

    /**
     * @return the buffer of the closure table.
     */
    public AtomicBuffer closureTableBuffer()
    {
        return section(layout.closureTableOffset(), layout.closureTableLength());
    }

    /**
     * @return the buffer of the counters metadata.
     */
    public AtomicBuffer countersMetadataBuffer()
    {
        return section(layout.countersMetadataOffset(), layout.countersMetadataLength());
    }

    /**
     * @return the buffer of the counters values.
     */
    public AtomicBuffer countersValuesBuffer()
    {
        return section(layout.countersValuesOffset(), layout.countersValuesLength());
    }

    /**
     * Unmap the file. Buffers obtained from it must not be used afterwards.
     */
    @Override
    public void close()
    {
        IoUtil.unmap(mapping);
    }

    private AtomicBuffer section(final long offset, final long length)
    {
        return new UnsafeBuffer(file, (int)offset, (int)length);
    }

    private void checkSpokeId(final int spokeId)
    {
        if (spokeId < 0 || spokeId >= layout.spokeCount())
        {
            throw new IllegalArgumentException("spoke id " + spokeId + " is outside 0.." + (layout.spokeCount() - 1) +
                " of pool file " + path);
        }
    }

    private static ProtocolException problem(final Path path, final String what)
    {
        return new ProtocolException("pool file " + path + " " + what);
    }

    private static long sizeOf(final Path path)
    {
        try
        {
            return Files.size(path);
        }
        catch (final IOException ex)
        {
            throw new ProtocolException("pool file " + path + " cannot be read: " + ex, ex);
        }
    }

    private static MappedByteBuffer map(final Path path, final long length)
    {
        if (length > Integer.MAX_VALUE)
        {
            throw problem(path, "is " + length + " bytes, more than the " + Integer.MAX_VALUE + " one mapping holds");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
        }
        catch (final IOException ex)
        {
            throw new ProtocolException("pool file " + path + " cannot be mapped: " + ex, ex);
        }
    }
}

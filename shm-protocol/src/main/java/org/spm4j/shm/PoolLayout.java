package org.spm4j.shm;

import static org.agrona.BitUtil.align;
import static org.agrona.BitUtil.isPowerOfTwo;
import static org.agrona.concurrent.ringbuffer.RingBufferDescriptor.TRAILER_LENGTH;
import static org.agrona.concurrent.status.CountersReader.COUNTER_LENGTH;
import static org.agrona.concurrent.status.CountersReader.METADATA_LENGTH;
import static org.spm4j.shm.PoolFileDescriptor.HEADER_LENGTH;
import static org.spm4j.shm.PoolFileDescriptor.SECTION_ALIGNMENT;

import org.spm4j.shm.closure.ClosureTableDescriptor;

/**
 * Sizes of the sections of a pool file and the offsets derived from them. The sizes are what a pool
 * file's header records; the offsets are never stored, only derived here, so every reader agrees with
 * the writer by construction. See {@link PoolFileDescriptor} for the picture.
 */
public final class PoolLayout
{
    /** Most spokes one pool can hold. */
    public static final int MAX_SPOKES = 4096;
    /** Smallest ring capacity of an inbox or outbox. */
    public static final int MIN_INBOX_CAPACITY = 4096;
    /** Largest ring capacity of an inbox or outbox. */
    public static final int MAX_INBOX_CAPACITY = 1 << 30;

    private final int spokeCount;
    private final int inboxLength;
    private final int closureTableLength;
    private final int countersValuesLength;

    private PoolLayout(
        final int spokeCount, final int inboxLength, final int closureTableLength, final int countersValuesLength)
    {
        this.spokeCount = spokeCount;
        this.inboxLength = inboxLength;
        this.closureTableLength = closureTableLength;
        this.countersValuesLength = countersValuesLength;
    }

    /**
     * Layout for a new pool.
     *
     * @param spokeCount         number of spoke slots, 1 to {@link #MAX_SPOKES}.
     * @param inboxCapacity      ring capacity in bytes of each spoke's inbox and of its outbox, a power of two.
     * @param closureTableLength bytes for the closure table, header included.
     * @param maxCounters        number of counters the counters section can hold.
     * @return the layout.
     * @throws IllegalArgumentException naming the first size that is out of range.
     */
    public static PoolLayout of(
        final int spokeCount, final int inboxCapacity, final int closureTableLength, final int maxCounters)
    {
        final String problem = problemWith(spokeCount, inboxCapacity, closureTableLength, maxCounters);
        if (problem != null)
        {
            throw new IllegalArgumentException(problem);
        }
        return new PoolLayout(
            spokeCount, inboxCapacity + TRAILER_LENGTH, align(closureTableLength, SECTION_ALIGNMENT),
            maxCounters * COUNTER_LENGTH);
    }

    /**
     * Rebuild a layout from the lengths a pool file header records, checking each.
     *
     * @param spokeCount           recorded spoke count.
     * @param inboxLength          recorded length of one inbox or outbox, ring trailer included.
     * @param closureTableLength   recorded closure table length.
     * @param countersValuesLength recorded length of the counters values section.
     * @return the layout, or null if any length is impossible.
     */
    static PoolLayout fromRecordedLengths(
        final int spokeCount, final int inboxLength, final int closureTableLength, final int countersValuesLength)
    {
        final int maxCounters = countersValuesLength / COUNTER_LENGTH;
        final boolean consistent = countersValuesLength % COUNTER_LENGTH == 0 &&
            closureTableLength % SECTION_ALIGNMENT == 0 &&
            null == problemWith(spokeCount, inboxLength - TRAILER_LENGTH, closureTableLength, maxCounters);
        return consistent ? new PoolLayout(spokeCount, inboxLength, closureTableLength, countersValuesLength) : null;
    }

    private static String problemWith(
        final int spokeCount, final int inboxCapacity, final int closureTableLength, final int maxCounters)
    {
        if (spokeCount < 1 || spokeCount > MAX_SPOKES)
        {
            return "spoke count " + spokeCount + " is outside 1.." + MAX_SPOKES;
        }
        if (!isPowerOfTwo(inboxCapacity) || inboxCapacity < MIN_INBOX_CAPACITY || inboxCapacity > MAX_INBOX_CAPACITY)
        {
            return "inbox capacity " + inboxCapacity + " is not a power of two in " + MIN_INBOX_CAPACITY + ".." +
                MAX_INBOX_CAPACITY;
        }
        if (closureTableLength < ClosureTableDescriptor.MIN_LENGTH || closureTableLength > (1 << 30))
        {
            return "closure table length " + closureTableLength + " is outside " + ClosureTableDescriptor.MIN_LENGTH +
                ".." + (1 << 30);
        }
        if (maxCounters < 1 || maxCounters > (1 << 20))
        {
            return "counter capacity " + maxCounters + " is outside 1.." + (1 << 20);
        }
        return null;
    }

    /**
     * @return number of spoke slots.
     */
    public int spokeCount()
    {
        return spokeCount;
    }

    /**
     * @return length of one inbox or outbox, ring trailer included.
     */
    public int inboxLength()
    {
        return inboxLength;
    }

    /**
     * @return length of the closure table section.
     */
    public int closureTableLength()
    {
        return closureTableLength;
    }

    /**
     * @return length of the counters metadata section.
     */
    public int countersMetadataLength()
    {
        return (countersValuesLength / COUNTER_LENGTH) * METADATA_LENGTH;
    }

    /**
     * @return length of the counters values section.
     */
    public int countersValuesLength()
    {
        return countersValuesLength;
    }

    /**
     * @return offset of the first spoke slot.
     */
    public long slotsOffset()
    {
        return HEADER_LENGTH;
    }

    /**
     * @return length of the spoke slots section.
     */
    public long slotsLength()
    {
        return align((long)spokeCount * SpokeSlotDescriptor.SLOT_LENGTH, SECTION_ALIGNMENT);
    }

    /**
     * @param spokeId 0 to spoke count - 1.
     * @return offset of that spoke's inbox.
     */
    public long inboxOffset(final int spokeId)
    {
        return ringOffset(spokeId);
    }

    /**
     * @param spokeId 0 to spoke count - 1.
     * @return offset of that spoke's outbox, the ring it writes to the hub through.
     */
    public long outboxOffset(final int spokeId)
    {
        return ringOffset(spokeCount + spokeId);
    }

    /**
     * @return offset of the closure table.
     */
    public long closureTableOffset()
    {
        return ringOffset(2 * spokeCount);
    }

    private long ringOffset(final int ringIndex)
    {
        return slotsOffset() + slotsLength() + (long)ringIndex * alignedInboxLength();
    }

    /**
     * @return offset of the counters metadata section.
     */
    public long countersMetadataOffset()
    {
        return closureTableOffset() + closureTableLength;
    }

    /**
     * @return offset of the counters values section.
     */
    public long countersValuesOffset()
    {
        return countersMetadataOffset() + countersMetadataLength();
    }

    /**
     * @return total length of the pool file.
     */
    public long fileLength()
    {
        return countersValuesOffset() + countersValuesLength;
    }

    private long alignedInboxLength()
    {
        return align((long)inboxLength, SECTION_ALIGNMENT);
    }

    @Override
    public String toString()
    {
        return "PoolLayout{spokes=" + spokeCount + ", inboxLength=" + inboxLength + ", closureTableLength=" +
            closureTableLength + ", countersValuesLength=" + countersValuesLength + ", fileLength=" + fileLength() +
            '}';
    }
}

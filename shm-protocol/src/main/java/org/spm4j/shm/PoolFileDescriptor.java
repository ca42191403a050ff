package org.spm4j.shm;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.agrona.BitUtil.align;

import org.agrona.SemanticVersion;

/**
 * Layout of {@code pool.shm}, the file every process of a pool maps. Sizes are recorded in the header;
 * offsets are derived from them by {@link PoolLayout}, each section aligned to {@link #SECTION_ALIGNMENT}.
 * <pre>
 *  +-----------------------------+
 *  |           Header            |  HEADER_LENGTH
 *  +-----------------------------+
 *  |  Spoke slots                |  spokeCount x SpokeSlotDescriptor.SLOT_LENGTH
 *  +-----------------------------+
 *  |  Spoke 0 inbox              |  inboxLength (ManyToOneRingBuffer, trailer included): the hub and
 *  |  ...                        |  crew peers write, the spoke reads
 *  |  Spoke n-1 inbox            |  inboxLength
 *  +-----------------------------+
 *  |  Spoke 0 outbox             |  inboxLength (OneToOneRingBuffer, trailer included): the spoke
 *  |  ...                        |  writes, the hub reads
 *  |  Spoke n-1 outbox           |  inboxLength
 *  +-----------------------------+
 *  |  Closure table              |  closureTableLength, see ClosureTableDescriptor
 *  +-----------------------------+
 *  |  Counters metadata          |  maxCounters x CountersReader.METADATA_LENGTH
 *  +-----------------------------+
 *  |  Counters values            |  maxCounters x CountersReader.COUNTER_LENGTH
 *  +-----------------------------+
 * </pre>
 * Header:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                            Magic                              |  0
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |        Layout Version         |          Spoke Count          |  8
 *  +-------------------------------+-------------------------------+
 *  |                           Hub PID                             | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   Hub Start Time (epoch ms)                   | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   Hub Heartbeat (epoch ms)                    | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                          File Length                          | 40
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |         Inbox Length          |     Closure Table Length      | 48
 *  +-------------------------------+-------------------------------+
 *  |    Counters Values Length     |           Reserved            | 56
 *  +-------------------------------+-------------------------------+
 *  |                      Reserved to 128 bytes                   ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The layout version (major.minor.patch, {@link SemanticVersion}) is written last, with a release
 * store, so a reader that sees it sees a complete header and zeroed sections. A reader accepts any
 * minor version of its own major version.
 */
public final class PoolFileDescriptor
{
    /** "SPM4JPOL" in ASCII, little-endian. */
    public static final long MAGIC = 0x4C4F504A344D5053L;
    /** Major version of this layout; a reader refuses any other major version. */
    public static final int LAYOUT_MAJOR_VERSION = 2;
    /**
     * Version of the layout written by this code; 2.0 replaced the hub inbox, which every spoke wrote to, with an
     * outbox per spoke; 2.1 added the closure and start time of a spoke's current task to its slot.
     */
    public static final int LAYOUT_VERSION = SemanticVersion.compose(LAYOUT_MAJOR_VERSION, 1, 0);

    /** Alignment of every section, two cache lines so neighbours never share a prefetched pair. */
    public static final int SECTION_ALIGNMENT = 128;

    /** Offset of the magic number. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the layout version, written last. */
    public static final int LAYOUT_VERSION_OFFSET = MAGIC_OFFSET + SIZE_OF_LONG;
    /** Offset of the number of spoke slots. */
    public static final int SPOKE_COUNT_OFFSET = LAYOUT_VERSION_OFFSET + SIZE_OF_INT;
    /** Offset of the hub's process id. */
    public static final int HUB_PID_OFFSET = SPOKE_COUNT_OFFSET + SIZE_OF_INT;
    /** Offset of the hub's process start time. */
    public static final int HUB_START_TIME_OFFSET = HUB_PID_OFFSET + SIZE_OF_LONG;
    /** Offset of the hub's heartbeat. */
    public static final int HUB_HEARTBEAT_OFFSET = HUB_START_TIME_OFFSET + SIZE_OF_LONG;
    /** Offset of the total file length. */
    public static final int FILE_LENGTH_OFFSET = HUB_HEARTBEAT_OFFSET + SIZE_OF_LONG;
    /** Offset of the length of one ring, an inbox or an outbox, which are the same size. */
    public static final int INBOX_LENGTH_OFFSET = FILE_LENGTH_OFFSET + SIZE_OF_LONG;
    /** Offset of the closure table length. */
    public static final int CLOSURE_TABLE_LENGTH_OFFSET = INBOX_LENGTH_OFFSET + SIZE_OF_INT;
    /** Offset of the counters values length (the metadata length follows from it). */
    public static final int COUNTERS_VALUES_LENGTH_OFFSET = CLOSURE_TABLE_LENGTH_OFFSET + SIZE_OF_INT;
    /** Length of the header, fields plus reserve. */
    public static final int HEADER_LENGTH = align(COUNTERS_VALUES_LENGTH_OFFSET + SIZE_OF_INT, SECTION_ALIGNMENT);

    /** Name of the pool file inside a pool directory. */
    public static final String POOL_FILE_NAME = "pool.shm";

    private PoolFileDescriptor()
    {
    }

    /**
     * @param version a layout version.
     * @return it as major.minor.patch.
     */
    public static String versionText(final int version)
    {
        return SemanticVersion.toString(version);
    }
}

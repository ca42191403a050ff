package org.spm4j.shm;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of one spoke slot in the pool file: the spoke's own record, written by the spoke (and by the
 * hub when it launches or buries one), read by anyone.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |             State             |           Reserved            |  0
 *  +-------------------------------+-------------------------------+
 *  |                              PID                              |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     Heartbeat (epoch ms)                      | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                       Current Task Id                         | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                    Reserved to SLOT_LENGTH                   ...
 *  +---------------------------------------------------------------+
 * </pre>
 * A slot fills two cache lines so that neighbouring spokes never write to the same line.
 */
public final class SpokeSlotDescriptor
{
    /** Offset of the {@link SpokeState} code. */
    public static final int STATE_OFFSET = 0;
    /** Offset of the spoke's process id. */
    public static final int PID_OFFSET = STATE_OFFSET + 2 * SIZE_OF_INT;
    /** Offset of the spoke's heartbeat. */
    public static final int HEARTBEAT_OFFSET = PID_OFFSET + SIZE_OF_LONG;
    /** Offset of the id of the task the spoke runs, {@link #NO_TASK} when idle. */
    public static final int CURRENT_TASK_OFFSET = HEARTBEAT_OFFSET + SIZE_OF_LONG;
    /** Length of one slot. */
    public static final int SLOT_LENGTH = PoolFileDescriptor.SECTION_ALIGNMENT;
    /** Current task id of an idle spoke. */
    public static final long NO_TASK = -1;

    private SpokeSlotDescriptor()
    {
    }
}

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
 *  |                        Peer Task Id                           | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                         Peer State                            | 40
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |       Task Closure Id         |           Reserved            | 48
 *  +-------------------------------+-------------------------------+
 *  |                  Task Start (epoch ms)                        | 56
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                    Reserved to SLOT_LENGTH                   ...
 *  +---------------------------------------------------------------+
 * </pre>
 * A slot fills two cache lines so that neighbouring spokes never write to the same line.
 * <p>
 * Peer Task Id and Peer State let spokes whose tasks message each other see how far each one has got: the
 * state is a word whose meaning the engine defines, about the task named by the id, both written by the
 * spoke alone. The spoke sets the state to {@link #NO_PEER_STATE} before it changes the id, and every new
 * state differs from all earlier ones, so a reader that loads the state, then the id, then the state again,
 * and finds the two states equal and not {@code NO_PEER_STATE}, has an id and a state that belong together.
 * Added in layout version 1.1; a slot of an older spoke keeps both at zero.
 * <p>
 * Task Closure Id and Task Start say which closure the current task runs and since when, for tools such as
 * {@code spm stat}; the spoke writes them before it stores the Current Task Id, so a reader that loads the id,
 * then these, then the id again, and finds the two ids equal and not {@link #NO_TASK}, has the three of one task.
 * Added in layout version 2.1; a slot of an older spoke keeps both at zero.
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
    /** Offset of the id of the task the peer state is about. */
    public static final int PEER_TASK_OFFSET = CURRENT_TASK_OFFSET + SIZE_OF_LONG;
    /** Offset of the peer state word. */
    public static final int PEER_STATE_OFFSET = PEER_TASK_OFFSET + SIZE_OF_LONG;
    /** Offset of the closure id of the current task. */
    public static final int TASK_CLOSURE_OFFSET = PEER_STATE_OFFSET + SIZE_OF_LONG;
    /** Offset of the time the current task started, epoch ms. */
    public static final int TASK_START_OFFSET = TASK_CLOSURE_OFFSET + SIZE_OF_LONG;
    /** Length of one slot. */
    public static final int SLOT_LENGTH = PoolFileDescriptor.SECTION_ALIGNMENT;
    /** Current task id of an idle spoke. */
    public static final long NO_TASK = -1;
    /** Peer state of a slot whose spoke says nothing about a task; the peer task id is then meaningless. */
    public static final long NO_PEER_STATE = 0;

    private SpokeSlotDescriptor()
    {
    }
}

package org.spm4j.internal.spoke;

import org.spm4j.shm.SpokeSlot;
import org.spm4j.shm.SpokeSlotDescriptor;

/**
 * How far a spoke has got with its crew task, published in its slot's peer task and peer state (see
 * {@link SpokeSlotDescriptor}) for the other ranks of the crew: running, waiting for a peer's message, or
 * finished. The state word packs, from the low bits, the phase (2 bits), the task's attempt (16 bits) and a
 * change count (46 bits) that starts at a value of the clock and grows with every change, so that a word is
 * never written twice: equal words read at two moments mean no change in between. One writer, the
 * spoke's task thread; any reader.
 */
final class CrewMarks
{
    static final int RUNNING = 1;
    static final int WAITING = 2;
    static final int FINISHED = 3;

    private static final int PHASE_BITS = 2;
    private static final int ATTEMPT_BITS = 16;
    private static final long PHASE_MASK = (1L << PHASE_BITS) - 1;
    private static final long ATTEMPT_MASK = (1L << ATTEMPT_BITS) - 1;
    private static final int CHANGES_SHIFT = PHASE_BITS + ATTEMPT_BITS;

    private final SpokeSlot slot;
    private long changes = System.nanoTime();
    private long attempt;

    /**
     * @param slot the spoke's own slot.
     */
    CrewMarks(final SpokeSlot slot)
    {
        this.slot = slot;
        slot.peerStateRelease(SpokeSlotDescriptor.NO_PEER_STATE);
    }

    /**
     * The state is cleared before the task changes, so a reader never pairs the new task with an old state.
     */
    void started(final long taskId, final int attempt)
    {
        slot.peerStateRelease(SpokeSlotDescriptor.NO_PEER_STATE);
        slot.peerTaskRelease(taskId);
        this.attempt = attempt & ATTEMPT_MASK;
        publish(RUNNING);
    }

    void waiting()
    {
        publish(WAITING);
    }

    void running()
    {
        publish(RUNNING);
    }

    void finished()
    {
        publish(FINISHED);
    }

    /**
     * @param slot    a peer's slot.
     * @param taskId  the task the caller expects the peer to run.
     * @param attempt the attempt it expects.
     * @return the peer's state word if it is about that attempt of that task, else
     *         {@link SpokeSlotDescriptor#NO_PEER_STATE}.
     */
    static long stateOf(final SpokeSlot slot, final long taskId, final int attempt)
    {
        final long state = slot.peerStateVolatile();
        final long task = slot.peerTaskVolatile();
        if (state != slot.peerStateVolatile() || task != taskId || SpokeSlotDescriptor.NO_PEER_STATE == state ||
            (state >>> PHASE_BITS & ATTEMPT_MASK) != (attempt & ATTEMPT_MASK))
        {
            return SpokeSlotDescriptor.NO_PEER_STATE;
        }
        return state;
    }

    /**
     * @param state a state word.
     * @return its phase, 0 for {@link SpokeSlotDescriptor#NO_PEER_STATE}.
     */
    static int phase(final long state)
    {
        return (int)(state & PHASE_MASK);
    }

    private void publish(final int phase)
    {
        changes++;
        slot.peerStateRelease(changes << CHANGES_SHIFT | attempt << PHASE_BITS | phase);
    }
}

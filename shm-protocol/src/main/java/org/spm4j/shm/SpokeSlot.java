package org.spm4j.shm;

import static org.spm4j.shm.SpokeSlotDescriptor.CURRENT_TASK_OFFSET;
import static org.spm4j.shm.SpokeSlotDescriptor.HEARTBEAT_OFFSET;
import static org.spm4j.shm.SpokeSlotDescriptor.PEER_STATE_OFFSET;
import static org.spm4j.shm.SpokeSlotDescriptor.PEER_TASK_OFFSET;
import static org.spm4j.shm.SpokeSlotDescriptor.PID_OFFSET;
import static org.spm4j.shm.SpokeSlotDescriptor.STATE_OFFSET;
import static org.spm4j.shm.SpokeSlotDescriptor.TASK_CLOSURE_OFFSET;
import static org.spm4j.shm.SpokeSlotDescriptor.TASK_START_OFFSET;

import org.agrona.concurrent.AtomicBuffer;

/**
 * Access to one spoke slot of a mapped pool file, see {@link SpokeSlotDescriptor}. Each field has one
 * writer at a time, so plain release stores suffice; readers use acquire loads. Thread-safe.
 */
public final class SpokeSlot
{
    private final AtomicBuffer buffer;
    private final int offset;
    private final int spokeId;

    SpokeSlot(final AtomicBuffer slotsBuffer, final int spokeId)
    {
        this.buffer = slotsBuffer;
        this.offset = spokeId * SpokeSlotDescriptor.SLOT_LENGTH;
        this.spokeId = spokeId;
    }

    /**
     * @return the id of the spoke this slot belongs to.
     */
    public int spokeId()
    {
        return spokeId;
    }

    /**
     * @return the state, acquire load.
     */
    public SpokeState stateVolatile()
    {
        return SpokeState.fromCode(buffer.getIntVolatile(offset + STATE_OFFSET));
    }

    /**
     * @param state the new state, release store.
     */
    public void stateRelease(final SpokeState state)
    {
        buffer.putIntRelease(offset + STATE_OFFSET, state.code());
    }

    /**
     * Claim an {@link SpokeState#EMPTY} slot for a spoke that attaches from outside the hub: it becomes
     * {@link SpokeState#STARTING} with the given pid. Of several claimants at once, one wins.
     *
     * @param pid the claiming spoke's process id.
     * @return true if the slot was empty and is now this spoke's.
     */
    public boolean tryClaim(final long pid)
    {
        if (!buffer.compareAndSetInt(offset + STATE_OFFSET, SpokeState.EMPTY.code(), SpokeState.STARTING.code()))
        {
            return false;
        }
        pidRelease(pid);
        return true;
    }

    /**
     * @return the spoke's process id, acquire load.
     */
    public long pidVolatile()
    {
        return buffer.getLongVolatile(offset + PID_OFFSET);
    }

    /**
     * @param pid the spoke's process id, release store.
     */
    public void pidRelease(final long pid)
    {
        buffer.putLongRelease(offset + PID_OFFSET, pid);
    }

    /**
     * @return the last heartbeat in epoch ms, acquire load.
     */
    public long heartbeatVolatile()
    {
        return buffer.getLongVolatile(offset + HEARTBEAT_OFFSET);
    }

    /**
     * @param nowMs the current time in epoch ms, release store.
     */
    public void heartbeatRelease(final long nowMs)
    {
        buffer.putLongRelease(offset + HEARTBEAT_OFFSET, nowMs);
    }

    /**
     * @return the id of the task being run, {@link SpokeSlotDescriptor#NO_TASK} when idle; acquire load.
     */
    public long currentTaskVolatile()
    {
        return buffer.getLongVolatile(offset + CURRENT_TASK_OFFSET);
    }

    /**
     * @param taskId id of the task now being run, or {@link SpokeSlotDescriptor#NO_TASK}; release store.
     */
    public void currentTaskRelease(final long taskId)
    {
        buffer.putLongRelease(offset + CURRENT_TASK_OFFSET, taskId);
    }

    /**
     * Say which closure the task about to be run is of and when it starts; call before
     * {@link #currentTaskRelease(long)} with its id.
     *
     * @param closureId the task's closure.
     * @param startMs   now, epoch ms.
     */
    public void taskStart(final int closureId, final long startMs)
    {
        buffer.putInt(offset + TASK_CLOSURE_OFFSET, closureId);
        buffer.putLongRelease(offset + TASK_START_OFFSET, startMs);
    }

    /**
     * @return the closure of the current task, see {@link SpokeSlotDescriptor}; acquire load.
     */
    public int taskClosureVolatile()
    {
        return buffer.getIntVolatile(offset + TASK_CLOSURE_OFFSET);
    }

    /**
     * @return when the current task started, epoch ms, 0 if never said; acquire load.
     */
    public long taskStartVolatile()
    {
        return buffer.getLongVolatile(offset + TASK_START_OFFSET);
    }

    /**
     * @return the task the peer state is about, see {@link SpokeSlotDescriptor}; acquire load.
     */
    public long peerTaskVolatile()
    {
        return buffer.getLongVolatile(offset + PEER_TASK_OFFSET);
    }

    /**
     * @param taskId the task the peer state will be about, stored while the state is
     *               {@link SpokeSlotDescriptor#NO_PEER_STATE}; release store.
     */
    public void peerTaskRelease(final long taskId)
    {
        buffer.putLongRelease(offset + PEER_TASK_OFFSET, taskId);
    }

    /**
     * @return the peer state word, see {@link SpokeSlotDescriptor}; acquire load.
     */
    public long peerStateVolatile()
    {
        return buffer.getLongVolatile(offset + PEER_STATE_OFFSET);
    }

    /**
     * @param state the peer state word; release store.
     */
    public void peerStateRelease(final long state)
    {
        buffer.putLongRelease(offset + PEER_STATE_OFFSET, state);
    }

    /**
     * Return the slot to {@link SpokeState#EMPTY} with no pid, heartbeat, task or peer state.
     */
    public void reset()
    {
        buffer.putLongRelease(offset + PEER_STATE_OFFSET, SpokeSlotDescriptor.NO_PEER_STATE);
        buffer.putLongRelease(offset + PEER_TASK_OFFSET, SpokeSlotDescriptor.NO_TASK);
        buffer.putLongRelease(offset + PID_OFFSET, 0);
        buffer.putLongRelease(offset + HEARTBEAT_OFFSET, 0);
        buffer.putLongRelease(offset + CURRENT_TASK_OFFSET, SpokeSlotDescriptor.NO_TASK);
        buffer.putLongRelease(offset + TASK_START_OFFSET, 0);
        buffer.putIntRelease(offset + TASK_CLOSURE_OFFSET, 0);
        stateRelease(SpokeState.EMPTY);
    }
}

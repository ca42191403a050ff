package org.spm4j.internal.spoke;

import java.util.concurrent.TimeUnit;

import org.spm4j.shm.SpokeSlot;
import org.spm4j.shm.mailbox.Inbox;

/**
 * Tells a crew rank that waits for a peer's message whether the crew is deadlocked: every other rank of
 * the crew has finished its task or waits for a message too, and no message is on its way. Rank r of a
 * crew runs on spoke r; the ranks of one run are tasks created one after another, so rank p's task is
 * this rank's task id - r + p, with the same attempt.
 * <p>
 * The rule, checked at each look while the rank waits: first every crew inbox is empty (nothing sent
 * and unread), then every other rank's {@link CrewMarks} state is WAITING or FINISHED for its task of
 * this run and equals the state seen at the start of the watch. A state that differs restarts the watch;
 * a rank that is not yet seen on this run's task, or runs, stops it. The crew is deadlocked when the watch
 * has held for {@link #GRACE_NS}. Why that is sound: a rank leaves a wait only by taking a message, and a
 * matching message makes it RUNNING before its inbox shows the message read; equal states at both ends
 * of the watch thus mean no rank ran in between, so none sent anything after the inboxes were seen empty,
 * and what was sent before was read by a rank that went on waiting. A state not about this run's task
 * only ever delays the verdict, never invents one. Task thread only.
 */
final class CrewDeadlockWatch
{
    /** How long the crew must look stuck, the same as a serial crew's baton would never move. */
    static final long GRACE_NS = TimeUnit.MILLISECONDS.toNanos(200);

    private final SpokeSlot[] slots;
    private final Inbox[] inboxes;
    private final long[] seen;
    private boolean watching;
    private long sinceNs;

    /**
     * @param slots   every spoke's slot, by spoke id.
     * @param inboxes every spoke's inbox, by spoke id.
     */
    CrewDeadlockWatch(final SpokeSlot[] slots, final Inbox[] inboxes)
    {
        this.slots = slots;
        this.inboxes = inboxes;
        this.seen = new long[slots.length];
    }

    /**
     * Forget what was seen: a new wait begins.
     */
    void reset()
    {
        watching = false;
    }

    /**
     * @param rank    the waiting rank.
     * @param size    the crew's size.
     * @param taskId  the waiting rank's task.
     * @param attempt its attempt.
     * @param nowNs   the time.
     * @return true if the crew has looked deadlocked for the whole grace.
     */
    boolean isDeadlocked(final int rank, final int size, final long taskId, final int attempt, final long nowNs)
    {
        if (size > slots.length || !inboxesEmpty(size) || !othersStuck(rank, size, taskId, attempt))
        {
            watching = false;
            return false;
        }
        if (!watching)
        {
            watching = true;
            sinceNs = nowNs;
            return false;
        }
        return nowNs - sinceNs >= GRACE_NS;
    }

    private boolean inboxesEmpty(final int size)
    {
        for (int rank = 0; rank < size; rank++)
        {
            if (0 != inboxes[rank].size())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Also restarts the watch, by clearing it, when a state differs from the one seen.
     */
    private boolean othersStuck(final int rank, final int size, final long taskId, final int attempt)
    {
        boolean same = watching;
        for (int peer = 0; peer < size; peer++)
        {
            if (peer == rank)
            {
                continue;
            }
            final long state = CrewMarks.stateOf(slots[peer], taskId - rank + peer, attempt);
            final int phase = CrewMarks.phase(state);
            if (CrewMarks.WAITING != phase && CrewMarks.FINISHED != phase)
            {
                return false;
            }
            same &= state == seen[peer];
            seen[peer] = state;
        }
        watching = same;
        return true;
    }
}

package org.spm4j.internal.farm;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.spm4j.shm.mailbox.BatchFlyweight;

/**
 * Chooses the spoke for the next batch, and the batch: round robin over ready spokes with room in their
 * window, a pinned task only on its own spoke when that spoke is idle, a retry away from the spoke it failed on
 * unless no other spoke is ready. Hub thread only.
 */
final class SpokeBalancer
{
    private final Transport transport;
    private final InFlightTasks inFlight;
    private final AdaptiveWindow window;
    private final int maxMessageLength;
    private int nextSpoke;

    /**
     * @param maxMessageLength the most bytes one message to a spoke may take.
     */
    SpokeBalancer(
        final Transport transport, final InFlightTasks inFlight, final AdaptiveWindow window,
        final int maxMessageLength)
    {
        this.maxMessageLength = maxMessageLength;
        this.transport = transport;
        this.inFlight = inFlight;
        this.window = window;
    }

    /**
     * @param task the next task to send.
     * @return the spoke it goes to now, or {@link FarmTask#NO_SPOKE} if it must wait.
     */
    int spokeFor(final FarmTask task)
    {
        return FarmTask.NO_SPOKE == task.pinnedSpokeId ?
            chooseSpoke(task.avoidSpokeId) : pinnedSpokeIfFree(task.pinnedSpokeId);
    }

    /**
     * @return how many pending tasks the spoke may take now: what its window leaves, at most its fair share.
     */
    private int roomOn(final int spokeId, final int pending)
    {
        final int spokes = inFlight.spokeCount();
        final int fairShare = (pending + spokes - 1) / spokes;
        return Math.min(window.current() - inFlight.countOn(spokeId), fairShare);
    }

    /**
     * @param task a task {@link #spokeFor} found no spoke for.
     * @return why no spoke will ever run it (its pinned spoke, or every spoke, given up on); null if it may wait.
     */
    String whyNoSpokeCanRun(final FarmTask task)
    {
        if (FarmTask.NO_SPOKE != task.pinnedSpokeId)
        {
            return transport.unavailable(task.pinnedSpokeId);
        }
        String why = null;
        for (int spokeId = 0; spokeId < inFlight.spokeCount(); spokeId++)
        {
            why = transport.unavailable(spokeId);
            if (null == why)
            {
                return null;
            }
        }
        return why;
    }

    /**
     * As many pending tasks as the spoke's room and one message allow, in order; a retry that must avoid
     * this spoke, or a pinned task, ends the batch.
     *
     * @param spokeId a spoke chosen by {@link #spokeFor}.
     * @param pending the tasks waiting to be sent, the batch taken from their head.
     * @return the batch, at least one task.
     */
    List<FarmTask> takeBatch(final int spokeId, final Deque<FarmTask> pending)
    {
        final int room = roomOn(spokeId, pending.size());
        // sized once: a wide window's batch would otherwise grow and copy its array many times
        final List<FarmTask> batch = new ArrayList<>(Math.max(1, room));
        int length = BatchFlyweight.HEADER_LENGTH;
        while (!pending.isEmpty() && batch.size() < room)
        {
            final FarmTask next = pending.peekFirst();
            length += BatchFlyweight.elementSpace(next.messageLength());
            if (!batch.isEmpty() &&
                (length > maxMessageLength || next.avoidSpokeId == spokeId || FarmTask.NO_SPOKE != next.pinnedSpokeId))
            {
                break;
            }
            batch.add(pending.pollFirst());
        }
        return batch;
    }

    private int pinnedSpokeIfFree(final int spokeId)
    {
        return 0 == inFlight.countOn(spokeId) && transport.isReady(spokeId) ? spokeId : FarmTask.NO_SPOKE;
    }

    private int chooseSpoke(final int avoid)
    {
        int fallback = FarmTask.NO_SPOKE;
        final int spokes = inFlight.spokeCount();
        for (int i = 0; i < spokes; i++)
        {
            final int spokeId = (nextSpoke + i) % spokes;
            if (inFlight.countOn(spokeId) < window.current() && transport.isReady(spokeId))
            {
                if (spokeId != avoid || 1 == spokes)
                {
                    nextSpoke = (spokeId + 1) % spokes;
                    return spokeId;
                }
                fallback = spokeId;
            }
        }
        return noOtherReady(avoid) ? fallback : FarmTask.NO_SPOKE;
    }

    /**
     * A retry waits for another spoke unless every other spoke is gone.
     */
    private boolean noOtherReady(final int avoid)
    {
        for (int spokeId = 0; spokeId < inFlight.spokeCount(); spokeId++)
        {
            if (spokeId != avoid && transport.isReady(spokeId))
            {
                return false;
            }
        }
        return true;
    }
}

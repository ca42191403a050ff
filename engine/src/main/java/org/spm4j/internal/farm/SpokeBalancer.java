package org.spm4j.internal.farm;

/**
 * Chooses the spoke for the next batch: round robin over ready spokes with room in their window, a pinned
 * task only on its own spoke when that spoke is idle, a retry away from the spoke it failed on unless no
 * other spoke is ready. Hub thread only.
 */
final class SpokeBalancer
{
    private final Transport transport;
    private final InFlightTasks inFlight;
    private final int window;
    private int nextSpoke;

    SpokeBalancer(final Transport transport, final InFlightTasks inFlight, final int window)
    {
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
     * @param spokeId a spoke chosen by {@link #spokeFor}.
     * @param pending tasks waiting to be sent.
     * @return how many of them the spoke may take now: what its window leaves, at most its fair share.
     */
    int roomOn(final int spokeId, final int pending)
    {
        final int spokes = inFlight.spokeCount();
        final int fairShare = (pending + spokes - 1) / spokes;
        return Math.min(window - inFlight.countOn(spokeId), fairShare);
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
            if (inFlight.countOn(spokeId) < window && transport.isReady(spokeId))
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

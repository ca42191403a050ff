package org.spm4j.internal.farm;

import java.util.Arrays;

/**
 * Finds a spoke that has been idle for longer than a grace while the hub still counts tasks of this run in
 * flight on it: their statuses were lost, or arrived so mangled the hub could not tell whose they were. Without
 * this rule such tasks would be owned by nobody and wait for ever. The grace covers a status committed just
 * after the hub read its inbox, and a spoke passing from one queued task to the next. Hub thread only.
 */
final class LostStatusWatch
{
    static final long GRACE_MS = 1_000;
    private static final long NOT_IDLE = -1;
    private static final long CHECK_PERIOD_MS = 100;

    private final Transport transport;
    private final InFlightTasks inFlight;
    private final long[] idleSinceMs;
    private long nextCheckMs;

    LostStatusWatch(final Transport transport, final InFlightTasks inFlight)
    {
        this.transport = transport;
        this.inFlight = inFlight;
        idleSinceMs = new long[inFlight.spokeCount()];
        Arrays.fill(idleSinceMs, NOT_IDLE);
    }

    /**
     * @param nowMs the hub's clock.
     * @return a spoke idle past the grace with tasks in flight on it, forgotten by the watch; or
     * {@link FarmTask#NO_SPOKE}.
     */
    int spokeWithLostTasks(final long nowMs)
    {
        if (nowMs < nextCheckMs)
        {
            return FarmTask.NO_SPOKE;
        }
        nextCheckMs = nowMs + CHECK_PERIOD_MS;
        for (int spokeId = 0; spokeId < idleSinceMs.length; spokeId++)
        {
            if (0 == inFlight.countOn(spokeId) || !transport.isIdle(spokeId))
            {
                idleSinceMs[spokeId] = NOT_IDLE;
            }
            else if (NOT_IDLE == idleSinceMs[spokeId])
            {
                idleSinceMs[spokeId] = nowMs;
            }
            else if (nowMs - idleSinceMs[spokeId] > GRACE_MS)
            {
                idleSinceMs[spokeId] = NOT_IDLE;
                return spokeId;
            }
        }
        return FarmTask.NO_SPOKE;
    }
}

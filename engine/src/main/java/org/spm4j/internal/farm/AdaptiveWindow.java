package org.spm4j.internal.farm;

/**
 * How many tasks a spoke may hold at once: the window the user set, or, by default, one that follows the tasks:
 * about {@link #QUEUED_WORK_NANOS} of work per spoke, from how many tasks end each {@link #PERIOD_MS}. Short tasks
 * get a wide window, so a spoke never waits for the hub between them; long ones a narrow one, {@link #NARROWEST},
 * so that they spread over every spoke. Hub thread only.
 */
final class AdaptiveWindow
{
    /** The window of a run that has not been timed yet, and of long tasks. */
    static final int NARROWEST = 2;
    /** The widest window: beyond it, sending more at once saves nothing. */
    static final int WIDEST = 1024;
    /** About how much work a spoke holds: short beside the wait a long run would notice at its end. */
    static final long QUEUED_WORK_NANOS = 1_000_000;
    /** How often the window is set again. */
    static final long PERIOD_MS = 10;

    private final int fixed;
    private int window = NARROWEST;
    private long periodStartMs = Long.MIN_VALUE;
    private long endedInPeriod;

    /**
     * @param fixed the window the user set, or {@link FarmOptions#ADAPTIVE_WINDOW} to follow the tasks.
     */
    AdaptiveWindow(final int fixed)
    {
        this.fixed = fixed;
        if (FarmOptions.ADAPTIVE_WINDOW != fixed)
        {
            window = fixed;
        }
    }

    int current()
    {
        return window;
    }

    /**
     * @param tasks how many more tasks ended.
     */
    void ended(final int tasks)
    {
        endedInPeriod += tasks;
    }

    /**
     * @param nowMs  the hub's clock.
     * @param spokes spokes the tasks spread over.
     * @param busy   true if tasks are in flight.
     */
    void tick(final long nowMs, final int spokes, final boolean busy)
    {
        if (FarmOptions.ADAPTIVE_WINDOW != fixed)
        {
            return;
        }
        if (Long.MIN_VALUE == periodStartMs)
        {
            periodStartMs = nowMs;
            return;
        }
        final long elapsedMs = nowMs - periodStartMs;
        if (elapsedMs < PERIOD_MS)
        {
            return;
        }
        if (endedInPeriod > 0)
        {
            final long nanosPerTask = elapsedMs * 1_000_000L * spokes / endedInPeriod;
            window = (int)Math.max(NARROWEST, Math.min(WIDEST, QUEUED_WORK_NANOS / Math.max(1, nanosPerTask)));
        }
        else if (busy)
        {
            window = NARROWEST;
        }
        periodStartMs = nowMs;
        endedInPeriod = 0;
    }
}

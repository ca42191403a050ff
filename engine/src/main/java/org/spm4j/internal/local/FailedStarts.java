package org.spm4j.internal.local;

/**
 * The restart rule of spokes: a spoke that dies before READY {@value #MAX_IN_A_ROW} times in a row is not started
 * again, since the next start would most likely die the same way; until then each start after such a death waits a
 * little longer than the one before, so a spoke that cannot start does not take the node's processors launching JVMs
 * back to back. Counts those deaths for one spoke and times its next start. Not thread-safe.
 */
public final class FailedStarts
{
    /** A spoke that dies this many times in a row before READY is not started again. */
    public static final int MAX_IN_A_ROW = 3;
    /** The wait before a start that follows one death before READY; it doubles with each death in a row. */
    public static final long FIRST_BACKOFF_MS = 50;
    /** The longest wait before a start, however many deaths in a row came before it. */
    public static final long MAX_BACKOFF_MS = 400;

    private static final int MOST_DOUBLINGS = 16;
    private static final long NOT_WAITING = -1;

    private int inARow;
    private long startAtMs = NOT_WAITING;

    /**
     * The spoke reached READY: the deaths before no longer count.
     */
    void ready()
    {
        inARow = 0;
    }

    /**
     * @param beforeReady whether it died before it was READY.
     * @return true if it may be started again.
     */
    boolean died(final boolean beforeReady)
    {
        inARow += beforeReady ? 1 : 0;
        return inARow < MAX_IN_A_ROW;
    }

    /**
     * The spoke died before READY and may start again: it waits out the backoff, counted from now.
     *
     * @param nowMs the clock the caller counts on.
     */
    void waitFrom(final long nowMs)
    {
        startAtMs = nowMs + backoffMs();
    }

    /**
     * @return true while the next start waits out a backoff.
     */
    boolean isWaiting()
    {
        return NOT_WAITING != startAtMs;
    }

    /**
     * @param nowMs the clock {@link #waitFrom} counted on.
     * @return true once the backoff is over, when the wait ends and the spoke should start.
     */
    boolean waitIsOver(final long nowMs)
    {
        if (!isWaiting() || nowMs < startAtMs)
        {
            return false;
        }
        startAtMs = NOT_WAITING;
        return true;
    }

    /**
     * @return how long the next start should wait: 0 unless the last deaths came before READY, then
     * {@value #FIRST_BACKOFF_MS} ms doubled for each death in a row after the first, at most {@value #MAX_BACKOFF_MS}
     * ms.
     */
    long backoffMs()
    {
        if (0 == inARow)
        {
            return 0;
        }
        return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(inARow - 1, MOST_DOUBLINGS));
    }
}

package org.spm4j.internal.local;

/**
 * The restart rule of spokes: a spoke that dies before READY {@value #MAX_IN_A_ROW} times in a row is not started
 * again, since the next start would most likely die the same way. Counts those deaths for one spoke. Not
 * thread-safe.
 */
public final class FailedStarts
{
    /** A spoke that dies this many times in a row before READY is not started again. */
    public static final int MAX_IN_A_ROW = 3;

    private int inARow;

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
}

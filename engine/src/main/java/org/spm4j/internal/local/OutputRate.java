package org.spm4j.internal.local;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How much of a spoke's output is passed on per second, shared by the pumps of its stdout and stderr. A second
 * in which the output went over the limit drops everything after that, so that what is passed on is whole
 * lines and what is dropped is reported once, before the next line passed on. Thread-safe.
 */
final class OutputRate
{
    /** Bytes a second a spoke's output may take by default. */
    static final int DEFAULT_BYTES_PER_SECOND = 1 << 20;

    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

    private final long bytesPerSecond;
    private final LongSupplier nanoClock;
    private long secondStartNs;
    private long used;
    private boolean over;
    private long droppedBytes;
    private long droppedLines;

    /**
     * @param bytesPerSecond bytes a second passed on.
     * @param nanoClock      the time in nanoseconds, as {@link System#nanoTime()}.
     */
    OutputRate(final long bytesPerSecond, final LongSupplier nanoClock)
    {
        if (bytesPerSecond < 1)
        {
            throw new IllegalArgumentException("bytesPerSecond must be at least 1: " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
        this.nanoClock = nanoClock;
        this.secondStartNs = nanoClock.getAsLong();
    }

    /**
     * @param bytes length of a line to pass on.
     * @return true if it may be passed on; false if it is dropped, and counted as such.
     */
    synchronized boolean tryPass(final int bytes)
    {
        final long nowNs = nanoClock.getAsLong();
        if (nowNs - secondStartNs >= SECOND_NS)
        {
            secondStartNs = nowNs;
            used = 0;
            over = false;
        }
        if (over || used + bytes > bytesPerSecond)
        {
            over = true;
            droppedBytes += bytes;
            droppedLines++;
            return false;
        }
        used += bytes;
        return true;
    }

    /**
     * @return what was dropped since the last call, as a note for a reader, or null if nothing was.
     */
    synchronized String takeDroppedNote()
    {
        if (0 == droppedLines)
        {
            return null;
        }
        final String note = "... (" + droppedLines + (1 == droppedLines ? " line, " : " lines, ") + droppedBytes +
            " bytes dropped: output over " + bytesPerSecond + " bytes a second)";
        droppedLines = 0;
        droppedBytes = 0;
        return note;
    }
}

package org.spm4j.cli;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * A one-line progress bar on a terminal's stderr, redrawn in place with a carriage return. Disabled, it
 * draws nothing, so callers need not ask whether stderr is a terminal. Thread-safe: {@link #step()}
 * comes from the hub thread while output goes out from the caller's.
 */
public final class ProgressBar implements AutoCloseable
{
    private static final int WIDTH = 30;
    private static final long REDRAW_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final String CLEAR_LINE = "\r\033[K";

    private final PrintStream err;
    private final String label;
    private final long total;
    private final boolean enabled;
    private long done;
    private long lastDrawNs;
    private boolean drawn;

    /**
     * @param err     where to draw, a terminal's stderr.
     * @param label   what the bar counts, in front of it.
     * @param total   steps to the end.
     * @param enabled false to draw nothing.
     */
    public ProgressBar(final PrintStream err, final String label, final long total, final boolean enabled)
    {
        this.err = err;
        this.label = label;
        this.total = total;
        this.enabled = enabled && total > 0;
    }

    /**
     * One more step done; the bar is redrawn at most every 100 ms, and at the last step.
     */
    public synchronized void step()
    {
        done++;
        final long nowNs = System.nanoTime();
        if (enabled && (done == total || nowNs - lastDrawNs >= REDRAW_INTERVAL_NS))
        {
            lastDrawNs = nowNs;
            draw();
        }
    }

    /**
     * Take the bar off the line, so that other output can be written on it.
     */
    synchronized void clear()
    {
        if (drawn)
        {
            err.print(CLEAR_LINE);
            err.flush();
            drawn = false;
        }
    }

    /**
     * Put the bar back after other output.
     */
    synchronized void redraw()
    {
        if (enabled)
        {
            draw();
        }
    }

    /**
     * Leave the bar as it ended, on a line of its own.
     */
    @Override
    public synchronized void close()
    {
        if (enabled)
        {
            draw();
            err.println();
            err.flush();
            drawn = false;
        }
    }

    private void draw()
    {
        final int filled = (int)(WIDTH * done / total);
        final StringBuilder line = new StringBuilder(CLEAR_LINE).append(label).append(" [");
        for (int i = 0; i < WIDTH; i++)
        {
            line.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        line.append("] ").append(done).append('/').append(total).append(' ').append(100 * done / total).append('%');
        err.print(line);
        err.flush();
        drawn = true;
    }
}

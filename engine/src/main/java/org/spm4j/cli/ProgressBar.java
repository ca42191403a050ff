package org.spm4j.cli;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on a terminal's stderr, redrawn in place with a carriage return: steps done of the
 * total, those that failed and those running when known, the time elapsed and, once a step is done, the time
 * left at the pace so far. Disabled, it draws nothing, so callers need not ask whether stderr is a terminal.
 * Thread-safe: {@link #step()} comes from the hub thread while output goes out from the caller's.
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
    private final LongSupplier nanoClock;
    private final long startNs;
    private long done;
    private long failed;
    private long running;
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
        this(err, label, total, enabled, System::nanoTime);
    }

    ProgressBar(
        final PrintStream err,
        final String label,
        final long total,
        final boolean enabled,
        final LongSupplier nanoClock)
    {
        this.err = err;
        this.label = label;
        this.total = total;
        this.enabled = enabled && total > 0;
        this.nanoClock = nanoClock;
        this.startNs = nanoClock.getAsLong();
    }

    /**
     * One more step done; the bar is redrawn at most every 100 ms, and at the last step.
     */
    public void step()
    {
        step(false, 0);
    }

    /**
     * One more step done; the bar is redrawn at most every 100 ms, and at the last step.
     *
     * @param stepFailed true if the step failed.
     * @param nowRunning steps running now.
     */
    public synchronized void step(final boolean stepFailed, final long nowRunning)
    {
        done++;
        failed += stepFailed ? 1 : 0;
        running = nowRunning;
        final long nowNs = nanoClock.getAsLong();
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

    private static String clock(final long nanos)
    {
        final long seconds = TimeUnit.NANOSECONDS.toSeconds(nanos);
        return seconds >= 3600 ?
            String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60) :
            String.format("%d:%02d", seconds / 60, seconds % 60);
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
        if (failed > 0)
        {
            line.append(", ").append(failed).append(" failed");
        }
        if (running > 0)
        {
            line.append(", ").append(running).append(" running");
        }
        final long elapsedNs = nanoClock.getAsLong() - startNs;
        line.append(", ").append(clock(elapsedNs));
        if (done > 0 && done < total)
        {
            line.append(", ETA ").append(clock(elapsedNs / done * (total - done)));
        }
        err.print(line);
        err.flush();
        drawn = true;
    }
}

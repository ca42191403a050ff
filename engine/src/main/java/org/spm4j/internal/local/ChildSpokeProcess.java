package org.spm4j.internal.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A spoke JVM launched as a child of this JVM: the process, its output passed on line by line with the
 * spoke's name as prefix, within bounds per line and per second ({@link SpokeOutputPump}), and the last lines of
 * its stderr kept to explain a failed start. Thread-safe.
 */
public final class ChildSpokeProcess implements SpokeProcess
{
    private static final int STDERR_TAIL_LINES = 20;
    private static final long STDERR_DRAIN_MS = 1_000;

    private final String name;
    private final Process process;
    private final ArrayDeque<String> stderrTail = new ArrayDeque<>();
    private final Thread stderrPump;

    private ChildSpokeProcess(final String name, final Process process)
    {
        this.name = name;
        this.process = process;
        final OutputRate rate = new OutputRate(OutputRate.DEFAULT_BYTES_PER_SECOND, System::nanoTime);
        final String threadName = "spm4j-" + name.replace(' ', '-');
        SpokeOutputPump.start(new SpokeOutputPump(process.getInputStream(), System.out, System.err, name, rate,
            line -> { }), threadName + "-stdout");
        stderrPump = SpokeOutputPump.start(new SpokeOutputPump(process.getErrorStream(), System.err, System.err, name,
            rate, this::remember), threadName + "-stderr");
    }

    /**
     * @param name    how the spoke is named in its output and in errors, e.g. "spoke 3".
     * @param command its command line.
     * @return the running spoke.
     * @throws UncheckedIOException if the process cannot be started.
     */
    static ChildSpokeProcess launch(final String name, final List<String> command)
    {
        try
        {
            return new ChildSpokeProcess(name, new ProcessBuilder(command).start());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot launch " + name + ": " + String.join(" ", command), ex);
        }
    }

    @Override
    public long pid()
    {
        return process.pid();
    }

    @Override
    public boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * @return the exit status; only once the process has exited.
     */
    int exitValue()
    {
        return process.exitValue();
    }

    @Override
    public String exitDescription()
    {
        return "exited with status " + exitValue() + "; its stderr ends with:" + System.lineSeparator() +
            stderrTail();
    }

    @Override
    public String exitSummary()
    {
        return ExitSummary.of(exitValue(), stderrTail());
    }

    @Override
    public boolean wasKilled()
    {
        return ExitSummary.isSignal(exitValue());
    }

    /**
     * @return the last lines the spoke wrote to stderr.
     */
    String stderrTail()
    {
        if (!process.isAlive())
        {
            awaitStderrPump();
        }
        synchronized (stderrTail)
        {
            return stderrTail.isEmpty() ? "(nothing on stderr)" : String.join(System.lineSeparator(), stderrTail);
        }
    }

    @Override
    public void kill()
    {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    @Override
    public boolean awaitExit(final Duration timeout)
    {
        try
        {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitStderrPump()
    {
        try
        {
            stderrPump.join(STDERR_DRAIN_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void remember(final String line)
    {
        synchronized (stderrTail)
        {
            if (stderrTail.size() == STDERR_TAIL_LINES)
            {
                stderrTail.removeFirst();
            }
            stderrTail.addLast(line);
        }
    }
}

package org.spm4j.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One spoke JVM as the hub sees it: the process, its output passed on line by line with the spoke id as
 * prefix, and the last lines of its stderr kept to explain a failed start. Thread-safe.
 */
final class SpokeProcess
{
    private static final int STDERR_TAIL_LINES = 20;
    private static final long STDERR_DRAIN_MS = 1_000;

    private final int spokeId;
    private final Process process;
    private final ArrayDeque<String> stderrTail = new ArrayDeque<>();
    private final Thread stderrPump;

    private SpokeProcess(final int spokeId, final Process process)
    {
        this.spokeId = spokeId;
        this.process = process;
        pump(process.getInputStream(), System.out, false);
        stderrPump = pump(process.getErrorStream(), System.err, true);
    }

    static SpokeProcess launch(final int spokeId, final List<String> command)
    {
        try
        {
            return new SpokeProcess(spokeId, new ProcessBuilder(command).start());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot launch spoke " + spokeId + ": " + String.join(" ", command), ex);
        }
    }

    int spokeId()
    {
        return spokeId;
    }

    long pid()
    {
        return process.pid();
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    int exitValue()
    {
        return process.exitValue();
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

    void kill()
    {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    boolean awaitExit(final Duration timeout)
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

    private Thread pump(final InputStream stream, final PrintStream target, final boolean keepTail)
    {
        final String prefix = "[spoke " + spokeId + "] ";
        final Thread pump = new Thread(() ->
        {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)))
            {
                String line;
                while (null != (line = reader.readLine()))
                {
                    target.println(prefix + line);
                    if (keepTail)
                    {
                        remember(line);
                    }
                }
            }
            catch (final IOException ignore)
            {
                // the spoke is gone; its exit is handled by the hub
            }
        }, "spm4j-spoke-" + spokeId + (keepTail ? "-stderr" : "-stdout"));
        pump.setDaemon(true);
        pump.start();
        return pump;
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

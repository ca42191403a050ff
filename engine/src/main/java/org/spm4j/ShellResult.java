package org.spm4j;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * What a command that succeeded left: its exit code, the start of its stdout and stderr up to the farm's
 * output cap (whether each was cut is stated), and how long it ran. Immutable and thread-safe.
 */
public final class ShellResult implements Serializable
{
    private static final long serialVersionUID = 1L;

    private final ShellCommand command;
    private final int exitCode;
    private final byte[] stdout;
    private final boolean stdoutTruncated;
    private final byte[] stderr;
    private final boolean stderrTruncated;
    private final int outputCap;
    private final Instant startTime;
    private final Duration wallTime;

    /**
     * For the shell runner; users get results from a {@link ShellFarm}.
     *
     * @param command         the command.
     * @param exitCode        its exit code.
     * @param stdout          what it wrote to stdout, at most {@code outputCap} bytes.
     * @param stdoutTruncated true if it wrote more.
     * @param stderr          what it wrote to stderr, at most {@code outputCap} bytes.
     * @param stderrTruncated true if it wrote more.
     * @param outputCap       bytes kept of each stream.
     * @param startTime       when it started.
     * @param wallTime        from start to exit.
     */
    public ShellResult(
        final ShellCommand command,
        final int exitCode,
        final byte[] stdout,
        final boolean stdoutTruncated,
        final byte[] stderr,
        final boolean stderrTruncated,
        final int outputCap,
        final Instant startTime,
        final Duration wallTime)
    {
        this.command = command;
        this.exitCode = exitCode;
        this.stdout = stdout.clone();
        this.stdoutTruncated = stdoutTruncated;
        this.stderr = stderr.clone();
        this.stderrTruncated = stderrTruncated;
        this.outputCap = outputCap;
        this.startTime = startTime;
        this.wallTime = wallTime;
    }

    /**
     * @return the command.
     */
    public ShellCommand command()
    {
        return command;
    }

    /**
     * @return its exit code; 0, since a non-zero exit is a failure.
     */
    public int exitCode()
    {
        return exitCode;
    }

    /**
     * @return its stdout as UTF-8 text, at most {@link #outputCap()} bytes of it.
     */
    public String stdout()
    {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /**
     * @return its stdout bytes, at most {@link #outputCap()} of them.
     */
    public byte[] stdoutBytes()
    {
        return stdout.clone();
    }

    /**
     * @return true if it wrote more than {@link #outputCap()} bytes to stdout and the rest was dropped.
     */
    public boolean stdoutTruncated()
    {
        return stdoutTruncated;
    }

    /**
     * @return its stderr as UTF-8 text, at most {@link #outputCap()} bytes of it.
     */
    public String stderr()
    {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /**
     * @return its stderr bytes, at most {@link #outputCap()} of them.
     */
    public byte[] stderrBytes()
    {
        return stderr.clone();
    }

    /**
     * @return true if it wrote more than {@link #outputCap()} bytes to stderr and the rest was dropped.
     */
    public boolean stderrTruncated()
    {
        return stderrTruncated;
    }

    /**
     * @return bytes kept of each stream.
     */
    public int outputCap()
    {
        return outputCap;
    }

    /**
     * @return when it started.
     */
    public Instant startTime()
    {
        return startTime;
    }

    /**
     * @return how long it ran, from start to exit.
     */
    public Duration wallTime()
    {
        return wallTime;
    }

    @Override
    public String toString()
    {
        return "`" + command + "` exited with " + exitCode + " after " + wallTime.toMillis() + " ms, stdout " +
            describe(stdout, stdoutTruncated) + ", stderr " + describe(stderr, stderrTruncated);
    }

    private String describe(final byte[] output, final boolean truncated)
    {
        return output.length + " bytes" + (truncated ? " (cut at the " + outputCap + "-byte cap)" : "");
    }
}

package org.spm4j;

import java.time.Duration;
import java.time.Instant;

/**
 * A command of a {@link ShellFarm} exited with a non-zero code or ran past its deadline and was killed
 * with every process it started. Thrown on the spoke, so it is the task's failure: the error policy
 * sees it, the error journal records it, and its message names the command, the exit code or the
 * deadline, and the end of the command's stderr.
 */
public final class ShellCommandException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final ShellCommand command;
    private final int exitCode;
    private final Duration deadline;
    private final String stderrTail;
    private final Instant startTime;
    private final Duration wallTime;

    /**
     * @param command    the command.
     * @param exitCode   its exit code; after a deadline, the one it was killed with.
     * @param deadline   the deadline it ran past, null if it exited by itself.
     * @param stderrTail the end of its stderr.
     * @param startTime  when it started.
     * @param wallTime   from its start to its exit.
     */
    public ShellCommandException(
        final ShellCommand command,
        final int exitCode,
        final Duration deadline,
        final String stderrTail,
        final Instant startTime,
        final Duration wallTime)
    {
        super(describe(command, exitCode, deadline, stderrTail));
        this.command = command;
        this.exitCode = exitCode;
        this.deadline = deadline;
        this.stderrTail = stderrTail;
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
     * @return its exit code; after a deadline, the one it was killed with.
     */
    public int exitCode()
    {
        return exitCode;
    }

    /**
     * @return true if it ran past its deadline and was killed.
     */
    public boolean deadlineExceeded()
    {
        return null != deadline;
    }

    /**
     * @return the deadline it ran past, null if it exited by itself.
     */
    public Duration deadline()
    {
        return deadline;
    }

    /**
     * @return the end of its stderr, empty if it wrote none.
     */
    public String stderrTail()
    {
        return stderrTail;
    }

    /**
     * @return when it started.
     */
    public Instant startTime()
    {
        return startTime;
    }

    /**
     * @return how long it ran, from its start to its exit or its kill.
     */
    public Duration wallTime()
    {
        return wallTime;
    }

    private static String describe(
        final ShellCommand command, final int exitCode, final Duration deadline, final String stderrTail)
    {
        final String what = null == deadline ?
            "exited with status " + exitCode :
            "ran past its deadline of " + deadline.toMillis() + " ms and was killed with every process it started";
        return "command `" + command + "` " + what +
            (stderrTail.isEmpty() ? "; stderr was empty" : "; stderr ends with:" + System.lineSeparator() + stderrTail);
    }
}

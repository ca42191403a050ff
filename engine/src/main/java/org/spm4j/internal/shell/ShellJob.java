package org.spm4j.internal.shell;

import java.io.Serializable;
import java.time.Duration;

import org.spm4j.ShellCommand;

/**
 * The argument of the shell closure: a command with its farm's options resolved.
 *
 * @param command   the command.
 * @param deadline  its deadline, null for none.
 * @param outputCap bytes kept of each of its streams.
 */
public record ShellJob(ShellCommand command, Duration deadline, int outputCap) implements Serializable
{
    private static final long serialVersionUID = 1L;

    static ShellJob of(final ShellCommand command, final Duration farmDeadline, final int outputCap)
    {
        return new ShellJob(command, null != command.deadline() ? command.deadline() : farmDeadline, outputCap);
    }
}

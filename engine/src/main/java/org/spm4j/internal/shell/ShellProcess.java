package org.spm4j.internal.shell;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.spm4j.ShellCommand;
import org.spm4j.ShellCommandException;
import org.spm4j.ShellResult;

/**
 * Runs one command as a child process of the calling thread's process: its stdin empty, its stdout and
 * stderr captured or written to the files the command names, its deadline enforced by killing it with every
 * process it started. A command is over when it exits, and what it left running is killed then: it must not
 * outlive its task, nor hold the output open, since the JDK closes the pipes of an exited process at a moment
 * of its own choosing and such output would end at random. Nor may it outlive this process
 * ({@link ProcessTree#register}). One thread.
 */
public final class ShellProcess
{
    /** How long output may take to end once its writers are killed: one that escaped must not hang us. */
    private static final long OUTPUT_GRACE_NS = TimeUnit.SECONDS.toNanos(1);
    /** Stands in for no deadline, and bounds one, so that arithmetic on nanosecond times cannot overflow. */
    private static final Duration LONGEST_DEADLINE = Duration.ofDays(365L * 100);
    private static final File NO_INPUT = new File("/dev/null");

    private final ShellJob job;
    private final ShellCommand command;
    private long deadlineNs;

    ShellProcess(final ShellJob job)
    {
        this.job = job;
        this.command = job.command();
    }

    /**
     * @return the result of a command that exited with 0 in time.
     * @throws ShellCommandException if it exited with another code or ran past its deadline.
     * @throws IOException           if it could not be started.
     * @throws InterruptedException  if the thread was interrupted; the command was killed.
     */
    ShellResult run() throws IOException, InterruptedException
    {
        final Instant startTime = Instant.now();
        final long startNs = System.nanoTime();
        deadlineNs = startNs + budgetNs(null == job.deadline() ? LONGEST_DEADLINE : job.deadline());
        ProcessTree.prepareLifeline();
        final Process process = builder().start();
        ProcessTree.register(process);
        try
        {
            final boolean captured = null == command.stdoutFile();
            final CapturedOutput stdout = captured ?
                CapturedOutput.start(process.getInputStream(), job.outputCap(), "spm4j-shell-stdout-" + process.pid()) :
                CapturedOutput.NONE;
            final CapturedOutput stderr = captured ?
                CapturedOutput.start(process.getErrorStream(), job.outputCap(), "spm4j-shell-stderr-" + process.pid()) :
                CapturedOutput.NONE;
            final boolean exited = process.waitFor(remainingNs(), TimeUnit.NANOSECONDS);
            final Duration wallTime = Duration.ofNanos(System.nanoTime() - startNs);
            if (exited)
            {
                ProcessTree.killLeftovers(process);
            }
            if (!exited || !stdout.awaitEnd(remainingNs()) || !stderr.awaitEnd(remainingNs()))
            {
                ProcessTree.kill(process);
                stdout.awaitEnd(OUTPUT_GRACE_NS);
                stderr.awaitEnd(OUTPUT_GRACE_NS);
                throw new ShellCommandException(command, process.exitValue(), job.deadline(), stderrTail(stderr),
                    startTime, wallTime);
            }
            if (0 != process.exitValue())
            {
                throw new ShellCommandException(command, process.exitValue(), null, stderrTail(stderr), startTime,
                    wallTime);
            }
            return new ShellResult(command, 0, stdout.head(), stdout.truncated(), stderr.head(),
                stderr.truncated(), job.outputCap(), startTime, wallTime);
        }
        finally
        {
            if (process.isAlive())
            {
                ProcessTree.kill(process);
            }
            ProcessTree.release(process);
        }
    }

    private List<String> argv()
    {
        final byte[] shellLine = command.shellLine();
        return null == shellLine ? command.argv() : ShellLine.argv(shellLine);
    }

    private ProcessBuilder builder()
    {
        final ProcessBuilder builder = new ProcessBuilder(ProcessTree.launcher(argv()));
        if (!ProcessTree.isGated())
        {
            builder.redirectInput(NO_INPUT);
        }
        if (null != command.stdoutFile())
        {
            builder.redirectOutput(command.stdoutFile().toFile());
            if (command.stderrFile().equals(command.stdoutFile()))
            {
                builder.redirectErrorStream(true);
            }
            else
            {
                builder.redirectError(command.stderrFile().toFile());
            }
        }
        if (null != command.directory())
        {
            builder.directory(command.directory().toFile());
        }
        builder.environment().putAll(command.environment());
        return builder;
    }

    private String stderrTail(final CapturedOutput stderr)
    {
        return null == command.stderrFile() ? stderr.tail() : CapturedOutput.tailOf(command.stderrFile());
    }

    /**
     * Output ends when every process holding it has exited; where leftovers cannot be found, those may
     * hold it until the deadline.
     */
    private long remainingNs()
    {
        return deadlineNs - System.nanoTime();
    }

    private static long budgetNs(final Duration deadline)
    {
        return (deadline.compareTo(LONGEST_DEADLINE) < 0 ? deadline : LONGEST_DEADLINE).toNanos();
    }
}

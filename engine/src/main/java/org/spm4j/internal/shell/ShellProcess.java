package org.spm4j.internal.shell;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.spm4j.ShellCommandException;
import org.spm4j.ShellResult;

/**
 * Runs one command as a child process of the calling thread's process: its stdin empty, its stdout and
 * stderr captured, its deadline enforced by killing it with every process it started. A command is over
 * when it exits, and what it left running is killed then: it must not outlive its task, nor hold the
 * output open, since the JDK closes the pipes of an exited process at a moment of its own choosing and
 * such output would end at random. Nor may it outlive this process: the pipe to its launcher's stdin is
 * held open, unwritten, until the command is over, and its end kills the command's session
 * ({@link ProcessTree}). One thread.
 */
public final class ShellProcess
{
    /** How long output may take to end once its writers are killed: one that escaped must not hang us. */
    private static final long OUTPUT_GRACE_NS = TimeUnit.SECONDS.toNanos(1);
    /** Stands in for no deadline, and bounds one, so that arithmetic on nanosecond times cannot overflow. */
    private static final Duration LONGEST_DEADLINE = Duration.ofDays(365L * 100);

    private final ShellJob job;
    private long deadlineNs;

    ShellProcess(final ShellJob job)
    {
        this.job = job;
    }

    /**
     * @return the result of a command that exited with 0 in time.
     * @throws ShellCommandException if it exited with another code or ran past its deadline.
     * @throws IOException           if it could not be started.
     * @throws InterruptedException  if the thread was interrupted; the command was killed.
     */
    ShellResult run() throws IOException, InterruptedException
    {
        final long startNs = System.nanoTime();
        deadlineNs = startNs + budgetNs(null == job.deadline() ? LONGEST_DEADLINE : job.deadline());
        final Process process = start();
        try
        {
            if (!ProcessTree.hasLifeline())
            {
                process.getOutputStream().close();
            }
            final CapturedOutput stdout = CapturedOutput.start(process.getInputStream(), job.outputCap(),
                "spm4j-shell-stdout-" + process.pid());
            final CapturedOutput stderr = CapturedOutput.start(process.getErrorStream(), job.outputCap(),
                "spm4j-shell-stderr-" + process.pid());
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
                throw new ShellCommandException(job.command(), process.exitValue(), job.deadline(), stderr.tail());
            }
            if (0 != process.exitValue())
            {
                throw new ShellCommandException(job.command(), process.exitValue(), null, stderr.tail());
            }
            return new ShellResult(job.command(), 0, stdout.head(), stdout.truncated(), stderr.head(),
                stderr.truncated(), job.outputCap(), wallTime);
        }
        finally
        {
            if (process.isAlive())
            {
                ProcessTree.kill(process);
            }
            closeLifeline(process);
        }
    }

    /**
     * Once the command and what it left are gone, closing the launcher's stdin kills nothing more.
     */
    private static void closeLifeline(final Process process)
    {
        try
        {
            process.getOutputStream().close();
        }
        catch (final IOException ex)
        {
            // already closed by the JDK when the launcher exited
        }
    }

    private Process start() throws IOException
    {
        final ProcessBuilder builder = new ProcessBuilder(ProcessTree.launcher(job.command().argv()));
        if (null != job.command().directory())
        {
            builder.directory(job.command().directory().toFile());
        }
        builder.environment().putAll(job.command().environment());
        return builder.start();
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

package org.spm4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.spm4j.ParallelException;
import org.spm4j.ShellCommand;
import org.spm4j.ShellCommandException;
import org.spm4j.ShellFarm;
import org.spm4j.ShellResult;
import org.spm4j.TaskFailure;

/**
 * One run of {@code spm shell} on an online shell farm: every job is submitted at once, each writing its stdout
 * and stderr to files of its own as it runs, and each job's output is printed whole, stdout then stderr, in input
 * order as soon as the jobs before it are printed, followed by a line for a failure. A halt condition, when met,
 * cancels the jobs not started; halting now also stops waiting for the running ones, which the caller kills by
 * closing the pool. Submitting and printing happen on the caller's thread, counting on the hub thread.
 */
final class ShellRun
{
    private static final String JOB_VARIABLE = "SPM_JOB";

    private final ShellFarm farm;
    private final List<ShellInput.Job> jobs;
    private final Path outputDirectory;
    private final PrintStream out;
    private final PrintStream err;
    private final ProgressBar bar;
    private final JobLog jobLog;
    private final HaltCondition halt;
    private final int concurrency;
    private final CompletableFuture<Void> halted = new CompletableFuture<>();
    private int ended;
    private int endedFailed;
    private int cancelled;
    private volatile boolean silenced;

    /**
     * @param farm            the online farm.
     * @param jobs            the jobs, in input order.
     * @param outputDirectory where output waits to be printed; exists.
     * @param out             standard output.
     * @param err             standard error.
     * @param bar             the progress bar.
     * @param jobLog          the job log, null for none.
     * @param halt            when to stop early, null for never.
     * @param concurrency     most jobs running at once.
     */
    ShellRun(
        final ShellFarm farm,
        final List<ShellInput.Job> jobs,
        final Path outputDirectory,
        final PrintStream out,
        final PrintStream err,
        final ProgressBar bar,
        final JobLog jobLog,
        final HaltCondition halt,
        final int concurrency)
    {
        this.farm = farm;
        this.jobs = jobs;
        this.outputDirectory = outputDirectory;
        this.out = out;
        this.err = err;
        this.bar = bar;
        this.jobLog = jobLog;
        this.halt = halt;
        this.concurrency = concurrency;
    }

    /**
     * What a run came to.
     *
     * @param ok         jobs that succeeded.
     * @param failed     jobs that failed.
     * @param notStarted jobs cancelled by a halt before they started.
     * @param killed     jobs running when the run halted now, left for the caller to kill.
     */
    record Outcome(int ok, int failed, int notStarted, int killed)
    {
    }

    /**
     * @return what the run came to, once every job is printed or, halting now, every ended job is.
     */
    Outcome run()
    {
        final List<CompletableFuture<ShellResult>> results = new ArrayList<>(jobs.size());
        for (final ShellInput.Job job : jobs)
        {
            results.add(farm.submit(command(job)).whenComplete((result, failure) -> onEnd(failure)));
        }
        final Tally tally = new Tally();
        boolean cancelling = false;
        for (int i = 0; i < jobs.size(); i++)
        {
            final CompletableFuture<ShellResult> result = results.get(i);
            (cancelling ? result : CompletableFuture.anyOf(result, halted)).handle((any, failure) -> null).join();
            if (!cancelling && halted.isDone())
            {
                farm.cancelAll();
                cancelling = true;
                if (halt.now())
                {
                    return printEnded(results, i, tally);
                }
                result.handle((any, failure) -> null).join();
            }
            tally.add(print(jobs.get(i), result));
        }
        return tally.outcome(0);
    }

    /**
     * From now on nothing more is printed: the process is going down.
     */
    void silence()
    {
        silenced = true;
    }

    private Outcome printEnded(final List<CompletableFuture<ShellResult>> results, final int from, final Tally tally)
    {
        int killed = 0;
        for (int i = from; i < jobs.size(); i++)
        {
            if (results.get(i).isDone())
            {
                tally.add(print(jobs.get(i), results.get(i)));
            }
            else
            {
                killed++;
            }
        }
        return tally.outcome(killed);
    }

    private ShellCommand command(final ShellInput.Job job)
    {
        return ShellCommand.shell(job.line())
            .environment(JOB_VARIABLE, Integer.toString(job.number()))
            .redirectOutput(stdoutFile(job), stderrFile(job));
    }

    /**
     * On the hub thread, as each job ends.
     */
    private synchronized void onEnd(final Throwable failure)
    {
        if (isCancellation(failure))
        {
            cancelled++;
            return;
        }
        ended++;
        endedFailed += null == failure ? 0 : 1;
        bar.step(null != failure, Math.min(concurrency, jobs.size() - ended - cancelled));
        if (null != halt && halt.isMet(ended, endedFailed, jobs.size()))
        {
            halted.complete(null);
        }
    }

    private Ending print(final ShellInput.Job job, final CompletableFuture<ShellResult> result)
    {
        if (silenced || isCancelled(result))
        {
            return Ending.NOT_STARTED;
        }
        bar.clear();
        final long received = copy(stdoutFile(job), out) + copy(stderrFile(job), err);
        Ending ending = Ending.OK;
        try
        {
            final ShellResult done = result.join();
            log(job, done.startTime(), done.wallTime(), received, 0, false);
        }
        catch (final CompletionException ex)
        {
            ending = Ending.FAILED;
            final TaskFailure failure = lastFailure(ex);
            if (null != failure && failure.exception() instanceof ShellCommandException command)
            {
                log(job, command.startTime(), command.wallTime(), received, command.exitCode(),
                    command.deadlineExceeded());
            }
            else
            {
                log(job, Instant.EPOCH, Duration.ZERO, received, -1, false);
            }
            if (!silenced)
            {
                err.println(describeFailure(job, ex, failure));
            }
        }
        out.flush();
        err.flush();
        bar.redraw();
        return ending;
    }

    private static boolean isCancelled(final CompletableFuture<ShellResult> result)
    {
        return result.isCompletedExceptionally() && isCancellation(result.handle((any, failure) -> failure).join());
    }

    private static boolean isCancellation(final Throwable failure)
    {
        return failure instanceof CancellationException ||
            null != failure && failure.getCause() instanceof CancellationException;
    }

    private void log(
        final ShellInput.Job job,
        final Instant start,
        final Duration wallTime,
        final long received,
        final int exitValue,
        final boolean killed)
    {
        if (null != jobLog)
        {
            jobLog.append(job.number(), start.toEpochMilli(), wallTime.toMillis(), received, exitValue, killed,
                job.line());
        }
    }

    private static TaskFailure lastFailure(final CompletionException ex)
    {
        return ex.getCause() instanceof ParallelException parallel ?
            parallel.failures().get(parallel.failures().size() - 1) : null;
    }

    private static String describeFailure(
        final ShellInput.Job job, final CompletionException ex, final TaskFailure failure)
    {
        final String prefix = "spm shell: line " + job.number() + " failed: `" + ShellCommand.shell(job.line()) + "`";
        if (null == failure)
        {
            return prefix + " " + ex.getCause();
        }
        final String where = " [attempt " + failure.attempt() + ", journal index " + failure.journalIndex() + "]";
        if (failure.exception() instanceof ShellCommandException command)
        {
            return prefix + (command.deadlineExceeded() ?
                " ran past its deadline of " + command.deadline().toMillis() + " ms and was killed" :
                " exited with status " + command.exitCode()) + where;
        }
        return prefix + ": " + failure.kind() + " " + failure.remoteClass() +
            (null == failure.remoteMessage() ? "" : ": " + failure.remoteMessage()) + where;
    }

    private Path stdoutFile(final ShellInput.Job job)
    {
        return outputDirectory.resolve(job.number() + ".out");
    }

    private Path stderrFile(final ShellInput.Job job)
    {
        return outputDirectory.resolve(job.number() + ".err");
    }

    /**
     * @return bytes copied; the file is removed.
     */
    private static long copy(final Path file, final PrintStream to)
    {
        try
        {
            final long copied = Files.copy(file, to);
            Files.delete(file);
            return copied;
        }
        catch (final NoSuchFileException ex)
        {
            return 0;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot print the output kept in " + file, ex);
        }
    }

    private enum Ending
    {
        OK, FAILED, NOT_STARTED
    }

    private static final class Tally
    {
        private int ok;
        private int failed;
        private int notStarted;

        void add(final Ending ending)
        {
            switch (ending)
            {
                case OK -> ok++;
                case FAILED -> failed++;
                default -> notStarted++;
            }
        }

        Outcome outcome(final int killed)
        {
            return new Outcome(ok, failed, notStarted, killed);
        }
    }
}

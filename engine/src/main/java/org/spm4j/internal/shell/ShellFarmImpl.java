package org.spm4j.internal.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.spm4j.Closure;
import org.spm4j.ShellCommand;
import org.spm4j.ShellFarm;
import org.spm4j.ShellResult;
import org.spm4j.TaskFarm;

/**
 * A shell farm is a task farm of the pool's shell closure: each command goes out with its farm's
 * deadline and output cap. Thread-safe as its task farm is.
 */
public final class ShellFarmImpl implements ShellFarm
{
    private final TaskFarm farm;
    private final Closure<ShellJob, ShellResult> closure;
    private final Duration deadline;
    private final int outputCap;

    /**
     * @param farm      the task farm that runs the commands.
     * @param closure   the pool's shell closure.
     * @param deadline  each command's deadline, null for none.
     * @param outputCap the most bytes of output kept per stream.
     */
    public ShellFarmImpl(
        final TaskFarm farm, final Closure<ShellJob, ShellResult> closure, final Duration deadline, final int outputCap)
    {
        this.farm = farm;
        this.closure = closure;
        this.deadline = deadline;
        this.outputCap = outputCap;
    }

    @Override
    public CompletableFuture<ShellResult> submit(final ShellCommand command)
    {
        return farm.submit(closure, job(command));
    }

    @Override
    public List<ShellResult> run(final List<ShellCommand> commands)
    {
        final List<ShellJob> jobs = new ArrayList<>(commands.size());
        commands.forEach(command -> jobs.add(job(command)));
        return farm.map(closure, jobs);
    }

    @Override
    public void cancelAll()
    {
        farm.cancelAll();
    }

    @Override
    public void close()
    {
        farm.close();
    }

    private ShellJob job(final ShellCommand command)
    {
        return ShellJob.of(command, deadline, outputCap);
    }
}

package org.spm4j.internal.local;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.spm4j.ParallelInvariantException;
import org.spm4j.internal.farm.DrivenFuture;
import org.spm4j.internal.farm.FarmCore;
import org.spm4j.internal.farm.FarmTask;
import org.spm4j.internal.farm.HubDriver;

/**
 * The user threads' side of a local pool's hub: turns each call into a {@link HubCommand} on the hub
 * thread's queue and waits for its answer, never for ever: a command the hub will not run any more (it has
 * closed or failed) is abandoned with the reason. On the hub thread itself (a callback) a call runs at
 * once. Thread-safe.
 */
final class HubProxy implements HubDriver
{
    private static final long AWAIT_CHECK_MS = 100;

    private final HubAgent hub;
    private final Queue<HubCommand> commands;

    HubProxy(final HubAgent hub, final Queue<HubCommand> commands)
    {
        this.hub = hub;
        this.commands = commands;
    }

    @Override
    public void submit(final List<FarmTask> tasks)
    {
        if (hub.isHubThread())
        {
            tasks.forEach(hub.core()::submit);
            return;
        }
        hub.checkRunning();
        enqueue(new HubCommand()
        {
            @Override
            public void run()
            {
                for (final FarmTask task : tasks)
                {
                    try
                    {
                        hub.core().submit(task);
                    }
                    catch (final RuntimeException | Error ex)
                    {
                        task.future.completeExceptionally(ex);
                    }
                }
            }

            @Override
            public void abandon(final RuntimeException cause)
            {
                tasks.forEach(task -> task.future.completeExceptionally(cause));
            }
        });
    }

    @Override
    public <T> T call(final Function<FarmCore, T> action)
    {
        if (hub.isHubThread())
        {
            return action.apply(hub.core());
        }
        hub.checkRunning();
        final CompletableFuture<T> answer = new CompletableFuture<>();
        enqueue(new HubCommand()
        {
            @Override
            public void run()
            {
                try
                {
                    answer.complete(action.apply(hub.core()));
                }
                catch (final RuntimeException | Error ex)
                {
                    answer.completeExceptionally(ex);
                }
            }

            @Override
            public void abandon(final RuntimeException cause)
            {
                answer.completeExceptionally(cause);
            }
        });
        return await(answer);
    }

    @Override
    public void awaitQuiescence()
    {
        if (hub.isHubThread())
        {
            throw new ParallelInvariantException("a callback on the hub thread waited for its own " +
                "manager's tasks, which can never end there; wait outside the callback");
        }
        hub.checkRunning();
        final CompletableFuture<Void> quiescent = new CompletableFuture<>();
        enqueue(new HubCommand()
        {
            @Override
            public void run()
            {
                hub.onQuiescence(quiescent);
            }

            @Override
            public void abandon(final RuntimeException cause)
            {
                quiescent.completeExceptionally(cause);
            }
        });
        await(quiescent);
    }

    @Override
    public boolean callerMayWait()
    {
        return !hub.isHubThread();
    }

    @Override
    public CompletableFuture<Object> newFuture()
    {
        return new DrivenFuture(this);
    }

    @Override
    public void driveUntil(final CompletableFuture<?> future, final long timeoutNs)
    {
        hub.driveUntil(future, timeoutNs);
    }

    @Override
    public void detach()
    {
        if (!hub.isRunning())
        {
            return;
        }
        call(ignored ->
        {
            hub.detach();
            return null;
        });
    }

    /**
     * A command that arrives as the hub ends is abandoned by whichever thread sees it last: the hub thread
     * as it ends, or this one.
     */
    private void enqueue(final HubCommand command)
    {
        commands.add(command);
        if (!hub.isRunning())
        {
            hub.abandonCommands();
            return;
        }
        hub.tryDutyNow();
    }

    /**
     * Wait for the hub thread's answer; the hub abandons every command it will not run, and the periodic
     * check is a second bound.
     */
    private <T> T await(final CompletableFuture<T> answer)
    {
        while (true)
        {
            try
            {
                hub.driveUntil(answer, TimeUnit.MILLISECONDS.toNanos(AWAIT_CHECK_MS));
                return answer.get(AWAIT_CHECK_MS, TimeUnit.MILLISECONDS);
            }
            catch (final TimeoutException ex)
            {
                hub.checkRunning();
            }
            catch (final ExecutionException ex)
            {
                throw ex.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(ex);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for the hub thread");
            }
        }
    }
}

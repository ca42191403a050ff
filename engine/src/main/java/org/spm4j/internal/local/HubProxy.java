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
import org.spm4j.internal.farm.FarmCore;
import org.spm4j.internal.farm.FarmTask;
import org.spm4j.internal.farm.HubDriver;

/**
 * The user threads' side of a local pool's hub: turns each call into a command on the hub thread's queue
 * and waits for its answer, never for ever. On the hub thread itself (a callback) a call runs at once.
 * Thread-safe.
 */
final class HubProxy implements HubDriver
{
    private static final long AWAIT_CHECK_MS = 100;

    private final HubAgent hub;
    private final Queue<Runnable> commands;

    HubProxy(final HubAgent hub, final Queue<Runnable> commands)
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
        checkOpen();
        commands.add(() ->
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
        });
    }

    @Override
    public <T> T call(final Function<FarmCore, T> action)
    {
        if (hub.isHubThread())
        {
            return action.apply(hub.core());
        }
        checkOpen();
        final CompletableFuture<T> answer = new CompletableFuture<>();
        commands.add(() ->
        {
            try
            {
                answer.complete(action.apply(hub.core()));
            }
            catch (final RuntimeException | Error ex)
            {
                answer.completeExceptionally(ex);
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
        checkOpen();
        final CompletableFuture<Void> quiescent = new CompletableFuture<>();
        commands.add(() -> hub.onQuiescence(quiescent));
        await(quiescent);
    }

    @Override
    public boolean callerMayWait()
    {
        return !hub.isHubThread();
    }

    @Override
    public void detach()
    {
        if (hub.isClosed())
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
     * Wait for the hub thread's answer, but not for ever: a pool closed meanwhile will never give it.
     */
    private <T> T await(final CompletableFuture<T> answer)
    {
        while (true)
        {
            try
            {
                return answer.get(AWAIT_CHECK_MS, TimeUnit.MILLISECONDS);
            }
            catch (final TimeoutException ex)
            {
                checkOpen();
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

    private void checkOpen()
    {
        if (hub.isClosed())
        {
            throw HubAgent.poolClosed();
        }
    }
}

package org.spm4j.internal.serial;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.spm4j.internal.farm.FarmCore;
import org.spm4j.internal.farm.FarmTask;
import org.spm4j.internal.farm.HubDriver;

/**
 * The hub of a serial pool: the user thread that calls in drives the core and evaluates the tasks itself,
 * one thread at a time. A call from another thread while one drives (a {@code cancelAll} during a long
 * {@code map}) is queued and run by the driving thread between two tasks, or by the caller as soon as
 * nobody drives. Thread-safe.
 */
final class SerialHubDriver implements HubDriver
{
    private static final long COMMAND_CHECK_MS = 10;

    private final ReentrantLock driving = new ReentrantLock();
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final FarmCore core;
    private final SerialTransport transport;
    private final String poolId;

    SerialHubDriver(final FarmCore core, final SerialTransport transport, final String poolId)
    {
        this.core = core;
        this.transport = transport;
        this.poolId = poolId;
    }

    @Override
    public void submit(final List<FarmTask> tasks)
    {
        driving.lock();
        try
        {
            tasks.forEach(core::submit);
            drive();
        }
        finally
        {
            driving.unlock();
        }
    }

    @Override
    public <T> T call(final Function<FarmCore, T> action)
    {
        if (driving.tryLock())
        {
            try
            {
                runCommands();
                return action.apply(core);
            }
            finally
            {
                driving.unlock();
            }
        }
        final CompletableFuture<T> answer = new CompletableFuture<>();
        commands.add(() ->
        {
            try
            {
                answer.complete(action.apply(core));
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
        driving.lock();
        try
        {
            drive();
        }
        finally
        {
            driving.unlock();
        }
    }

    @Override
    public void detach()
    {
    }

    @Override
    public boolean callerMayWait()
    {
        return false;
    }

    private void drive()
    {
        while (!core.isQuiescent())
        {
            final int work = runCommands() + core.doWork(System.currentTimeMillis()) + transport.deliver(core);
            if (0 == work && !core.isQuiescent())
            {
                throw new IllegalStateException(
                    "serial pool " + poolId + " cannot make progress: no spoke takes tasks");
            }
        }
        runCommands();
    }

    private int runCommands()
    {
        int count = 0;
        Runnable command;
        while (null != (command = commands.poll()))
        {
            command.run();
            count++;
        }
        return count;
    }

    /**
     * The driving thread runs the command between two tasks; once it has let go, this thread runs it.
     */
    private <T> T await(final CompletableFuture<T> answer)
    {
        while (true)
        {
            try
            {
                return answer.get(COMMAND_CHECK_MS, TimeUnit.MILLISECONDS);
            }
            catch (final TimeoutException ex)
            {
                if (driving.tryLock())
                {
                    try
                    {
                        runCommands();
                    }
                    finally
                    {
                        driving.unlock();
                    }
                }
            }
            catch (final ExecutionException ex)
            {
                throw ex.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(ex);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for the serial pool's driving thread");
            }
        }
    }
}

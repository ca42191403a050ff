package org.spm4j.internal.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.spm4j.ParallelInvariantException;
import org.spm4j.internal.farm.FarmCore;
import org.spm4j.internal.farm.FarmTask;
import org.spm4j.internal.farm.HubCounters;
import org.spm4j.internal.farm.HubDriver;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.counters.PoolCounters;
import org.spm4j.shm.mailbox.BatchFlyweight;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageTypes;
import org.spm4j.shm.mailbox.RequestFlyweight;
import org.spm4j.shm.mailbox.StatusFlyweight;

/**
 * The hub thread of a local pool: runs commands from user threads, reads statuses from the hub inbox
 * into the online farm, heartbeats, and watches spokes. All farm state is touched only here.
 */
public final class HubAgent implements Agent, HubDriver
{
    private static final long HOUSEKEEPING_PERIOD_MS = 50;
    private static final long AWAIT_CHECK_MS = 100;

    private final PoolFile poolFile;
    private final Inbox hubInbox;
    private final LocalTransport transport;
    private final HubCounters counters;
    private final EpochClock epochClock;
    private final NanoClock nanoClock;
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final List<CompletableFuture<Void>> quiescenceWaiters = new ArrayList<>();
    private final StatusFlyweight status = new StatusFlyweight();
    private final RequestFlyweight request = new RequestFlyweight();
    private FarmCore core;
    private long nextHousekeepingMs;
    private volatile boolean closed;
    private volatile Thread hubThread;

    HubAgent(
        final PoolFile poolFile,
        final Inbox hubInbox,
        final LocalTransport transport,
        final HubCounters counters,
        final EpochClock epochClock,
        final NanoClock nanoClock)
    {
        this.poolFile = poolFile;
        this.hubInbox = hubInbox;
        this.transport = transport;
        this.counters = counters;
        this.epochClock = epochClock;
        this.nanoClock = nanoClock;
    }

    HubDriver attach(final FarmCore core)
    {
        call(ignored ->
        {
            this.core = core;
            return null;
        });
        return this;
    }

    @Override
    public int doWork()
    {
        final long nowMs = epochClock.time();
        int work = runCommands();
        work += readHubInbox();
        if (null != core)
        {
            work += core.doWork(nowMs);
        }
        if (nowMs >= nextHousekeepingMs)
        {
            nextHousekeepingMs = nowMs + HOUSEKEEPING_PERIOD_MS;
            poolFile.hubHeartbeatRelease(nowMs);
            sampleInboxes();
            final int lost = transport.detectDeadSpokes(core, this::readHubInbox);
            if (lost > 0)
            {
                hubInbox.writerDied();
                counters.spokesLost(lost);
            }
            work += lost;
        }
        releaseQuiescenceWaiters();
        return work;
    }

    /**
     * From now on, user threads asking the hub anything get an exception instead of waiting forever.
     */
    @Override
    public void onStart()
    {
        hubThread = Thread.currentThread();
    }

    @Override
    public void onClose()
    {
        closed = true;
        quiescenceWaiters.forEach(waiter -> waiter.completeExceptionally(poolClosed()));
        quiescenceWaiters.clear();
    }

    @Override
    public String roleName()
    {
        return "spm4j-hub";
    }

    @Override
    public void submit(final List<FarmTask> tasks)
    {
        if (Thread.currentThread() == hubThread)
        {
            tasks.forEach(core::submit);
            return;
        }
        checkOpen();
        commands.add(() ->
        {
            for (final FarmTask task : tasks)
            {
                try
                {
                    core.submit(task);
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
        if (Thread.currentThread() == hubThread)
        {
            return action.apply(core);
        }
        checkOpen();
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
        if (Thread.currentThread() == hubThread)
        {
            throw new ParallelInvariantException("a callback on the hub thread waited for its own " +
                "manager's tasks, which can never end there; wait outside the callback");
        }
        checkOpen();
        final CompletableFuture<Void> quiescent = new CompletableFuture<>();
        commands.add(() -> quiescenceWaiters.add(quiescent));
        await(quiescent);
    }

    @Override
    public boolean callerMayWait()
    {
        return Thread.currentThread() != hubThread;
    }

    @Override
    public void detach()
    {
        if (closed)
        {
            return;
        }
        call(ignored ->
        {
            core = null;
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

    private void sampleInboxes()
    {
        counters.inboxOccupancy(PoolCounters.TOTAL, hubInbox.size());
        for (int spokeId = 0; spokeId < transport.spokeCount(); spokeId++)
        {
            counters.inboxOccupancy(spokeId, transport.inboxSize(spokeId));
        }
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw poolClosed();
        }
    }

    private static IllegalStateException poolClosed()
    {
        return new IllegalStateException("the pool is closed; close managers before their pool");
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

    private int readHubInbox()
    {
        return hubInbox.read(this::onMessage, 256, nanoClock.nanoTime());
    }

    /**
     * A message that does not decode came from a spoke that is broken or hostile: it is killed, its tasks go
     * through the policy as if it had crashed, and it is started again.
     */
    private void onMessage(final int typeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        try
        {
            dispatch(typeId, buffer, index, length);
        }
        catch (final ProtocolException ex)
        {
            final int sender = MessageTypes.STATUS == typeId ? StatusFlyweight.spokeIdOf(buffer, index, length) :
                MessageTypes.REQUEST == typeId ? RequestFlyweight.spokeIdOf(buffer, index, length) : -1;
            if (sender >= 0 && sender < transport.spokeCount())
            {
                transport.condemn(sender, "sent the hub a malformed message (" + ex.getMessage() + ")");
            }
            else
            {
                System.err.println("spm4j: hub dropped a malformed message whose sender it cannot tell: " +
                    ex.getMessage());
            }
        }
    }

    private void dispatch(final int typeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (MessageTypes.BATCH == typeId)
        {
            BatchFlyweight.forEachElement(buffer, index, length, this::onMessage);
            return;
        }
        if (MessageTypes.REQUEST == typeId)
        {
            request.wrap(buffer, index, length);
            if (null != core)
            {
                core.onRequest(request.taskId(), request.attempt(), request.spokeId(), request.correlationId(), buffer,
                    request.payloadOffset(), request.payloadLength());
            }
            return;
        }
        if (MessageTypes.STATUS != typeId)
        {
            throw new ProtocolException("the hub inbox received a " + MessageTypes.name(typeId) +
                " message, which no online manager takes");
        }
        status.wrap(buffer, index, length);
        if (null == core)
        {
            return;
        }
        switch (status.outcome())
        {
            case OK -> core.onCompleted(
                status.taskId(), status.attempt(), buffer, status.payloadOffset(), status.payloadLength());
            case FAILED -> core.onFailed(status.taskId(), status.attempt(), status.journalIndex());
            case CANCELLED -> core.onCancelled(status.taskId(), status.attempt());
            default -> throw new ProtocolException("unknown outcome " + status.outcome());
        }
    }

    private void releaseQuiescenceWaiters()
    {
        if (!quiescenceWaiters.isEmpty() && (null == core || core.isQuiescent()))
        {
            quiescenceWaiters.forEach(waiter -> waiter.complete(null));
            quiescenceWaiters.clear();
        }
    }
}

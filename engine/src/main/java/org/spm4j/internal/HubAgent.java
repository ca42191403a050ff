package org.spm4j.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageTypes;
import org.spm4j.shm.mailbox.StatusFlyweight;

/**
 * The hub thread of a local pool: runs commands from user threads, reads statuses from the hub inbox
 * into the online farm, heartbeats, and watches spokes. All farm state is touched only here.
 */
final class HubAgent implements Agent, HubDriver
{
    private static final long HOUSEKEEPING_PERIOD_MS = 50;

    private final PoolFile poolFile;
    private final Inbox hubInbox;
    private final LocalTransport transport;
    private final EpochClock epochClock;
    private final NanoClock nanoClock;
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final List<CompletableFuture<Void>> quiescenceWaiters = new ArrayList<>();
    private final StatusFlyweight status = new StatusFlyweight();
    private FarmCore core;
    private long nextHousekeepingMs;

    HubAgent(
        final PoolFile poolFile,
        final Inbox hubInbox,
        final LocalTransport transport,
        final EpochClock epochClock,
        final NanoClock nanoClock)
    {
        this.poolFile = poolFile;
        this.hubInbox = hubInbox;
        this.transport = transport;
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
            work += transport.detectDeadSpokes(core, this::readHubInbox);
        }
        releaseQuiescenceWaiters();
        return work;
    }

    @Override
    public String roleName()
    {
        return "spm4j-hub";
    }

    @Override
    public void submit(final FarmTask task)
    {
        commands.add(() ->
        {
            try
            {
                core.submit(task);
            }
            catch (final RuntimeException | Error ex)
            {
                task.future.completeExceptionally(ex);
            }
        });
    }

    @Override
    public <T> T call(final Function<FarmCore, T> action)
    {
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
        return answer.join();
    }

    @Override
    public void awaitQuiescence()
    {
        final CompletableFuture<Void> quiescent = new CompletableFuture<>();
        commands.add(() -> quiescenceWaiters.add(quiescent));
        quiescent.join();
    }

    @Override
    public void detach()
    {
        call(ignored ->
        {
            core = null;
            return null;
        });
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
        try
        {
            return hubInbox.read(this::onMessage, 256, nanoClock.nanoTime());
        }
        catch (final ProtocolException ex)
        {
            System.err.println("spm4j: hub dropped a malformed message: " + ex.getMessage());
            return 1;
        }
    }

    private void onMessage(final int typeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
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

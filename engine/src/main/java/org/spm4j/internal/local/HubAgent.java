package org.spm4j.internal.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.spm4j.ParallelInvariantException;
import org.spm4j.PoolFailedException;
import org.spm4j.SpokeIdle;
import org.spm4j.internal.farm.FarmCore;
import org.spm4j.internal.farm.HubCounters;
import org.spm4j.internal.farm.HubDriver;
import org.spm4j.internal.journal.HubJournal;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.SpokeSlotDescriptor;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.counters.PoolCounters;
import org.spm4j.shm.journal.ErrorKind;

/**
 * The hub of a local pool: runs commands from user threads (sent through its {@link HubProxy}), reads statuses
 * and requests from the spokes' outboxes into the online farm ({@link Outboxes}, {@link SpokeMessages}),
 * heartbeats, and hears from the transport of spokes lost.
 * <p>
 * Its duty cycle runs on the hub thread, or on a user thread that waits for a task: as Aeron's client may run its
 * conductor on the caller's thread, a waiting thread reads the statuses itself, so that a round trip does not pay
 * two hand-overs between threads, and the hub thread sleeps meanwhile but for its housekeeping (heartbeat, spokes
 * lost), which stays its own. Whichever runs it holds the duty lock: all farm state is touched only under it, and
 * "the hub thread" of callbacks is whichever thread holds it.
 */
public final class HubAgent implements Agent
{
    private static final long HOUSEKEEPING_PERIOD_MS = 50;
    /** How long the hub thread sleeps at a time while user threads run the duty cycle. */
    private static final long CALLERS_DRIVE_PARK_NS = 50_000;

    private final PoolFile poolFile;
    private final Outboxes outboxes;
    private final SpokeMessages spokeMessages;
    private final LocalTransport transport;
    private final HubCounters counters;
    private final EpochClock epochClock;
    private final NanoClock nanoClock;
    private final Queue<HubCommand> commands = new ConcurrentLinkedQueue<>();
    private final List<CompletableFuture<Void>> quiescenceWaiters = new ArrayList<>();
    private final HubProxy proxy = new HubProxy(this, commands);
    private final ReentrantLock duty = new ReentrantLock();
    private final AtomicInteger callersDriving = new AtomicInteger();
    // one per waiting thread, kept: a round trip's wait should not allocate
    private final ThreadLocal<IdleStrategy> callerIdle;
    private static final byte[] NOTHING = new byte[0];

    private final String poolId;
    private final HubJournal journal;
    private final Consumer<PoolFailedException> onFailure;
    private FarmCore core;
    private long nextHousekeepingMs;
    private volatile boolean closed;
    private volatile PoolFailedException failure;

    /**
     * @param onFailure  told, on the thread that ran the duty cycle, when the hub stops by an error, before every
     *                   task fails with it.
     * @param callerIdle how a user thread that runs the duty cycle idles between its turns.
     */
    HubAgent(
        final String poolId,
        final HubJournal journal,
        final Consumer<PoolFailedException> onFailure,
        final PoolFile poolFile,
        final LocalTransport transport,
        final HubCounters counters,
        final EpochClock epochClock,
        final NanoClock nanoClock,
        final SpokeIdle callerIdle)
    {
        this.callerIdle = ThreadLocal.withInitial(() -> SpokeIdle.BUSY_SPIN == callerIdle ?
            new BusySpinIdleStrategy() : new BackoffIdleStrategy(100, 100, 1_000, 100_000));
        this.poolId = poolId;
        this.journal = journal;
        this.onFailure = onFailure;
        this.poolFile = poolFile;
        this.outboxes = transport.outboxes();
        this.spokeMessages = new SpokeMessages(transport, this::core);
        this.transport = transport;
        this.counters = counters;
        this.epochClock = epochClock;
        this.nanoClock = nanoClock;
    }

    /**
     * @param core a run coming online.
     * @return the driver user threads reach it through.
     */
    HubDriver attach(final FarmCore core)
    {
        proxy.call(ignored ->
        {
            this.core = core;
            return null;
        });
        return proxy;
    }

    /**
     * An {@link Error} would end the hub thread (Agrona's runner rethrows it) and leave every waiter waiting:
     * instead the pool fails, every task with it, and the hub idles until the pool is closed.
     */
    @Override
    public int doWork()
    {
        if (null != failure)
        {
            return 0;
        }
        final long nowMs = epochClock.time();
        if (callersDriving.get() > 0 && nowMs < nextHousekeepingMs)
        {
            LockSupport.parkNanos(CALLERS_DRIVE_PARK_NS);
            return 0;
        }
        duty.lock();
        try
        {
            return dutyCycle(nowMs, true);
        }
        finally
        {
            duty.unlock();
        }
    }

    /**
     * Run the duty cycle on this user thread if no other thread runs it now: a command just queued is run at once.
     */
    void tryDutyNow()
    {
        if (null == failure && duty.tryLock())
        {
            try
            {
                dutyCycle(epochClock.time(), false);
            }
            finally
            {
                duty.unlock();
            }
        }
    }

    /**
     * A user thread waits for {@code future}, running the duty cycle in turn with any other, until the future is
     * done, the wait times out, the thread is interrupted, or the hub ends (which ends every future).
     *
     * @param future    what the thread waits for.
     * @param timeoutNs the longest wait.
     * @throws ParallelInvariantException if the future is not done and the thread runs the duty cycle already: a
     *                                    callback waiting for a task, which could never end.
     */
    void driveUntil(final CompletableFuture<?> future, final long timeoutNs)
    {
        if (future.isDone())
        {
            return;
        }
        if (duty.isHeldByCurrentThread())
        {
            throw new ParallelInvariantException("a callback on the hub thread waited for a task, which can never " +
                "end while the callback runs; wait outside the callback");
        }
        final IdleStrategy idle = callerIdle.get();
        idle.reset();
        final long startNs = nanoClock.nanoTime();
        callersDriving.incrementAndGet();
        try
        {
            while (!future.isDone() && isRunning() && !Thread.currentThread().isInterrupted() &&
                nanoClock.nanoTime() - startNs < timeoutNs)
            {
                int work = 0;
                if (duty.tryLock())
                {
                    try
                    {
                        work = dutyCycle(epochClock.time(), false);
                    }
                    finally
                    {
                        duty.unlock();
                    }
                }
                idle.idle(work);
            }
        }
        finally
        {
            callersDriving.decrementAndGet();
        }
    }

    /**
     * An {@link Error}, or a protocol violation no spoke can be blamed for, ends the hub here, whichever thread runs
     * the cycle.
     *
     * @param housekeeping true on the hub thread, whose alone the heartbeat and the watch on spokes are.
     */
    private int dutyCycle(final long nowMs, final boolean housekeeping)
    {
        if (null != failure)
        {
            return 0;
        }
        try
        {
            int work = runCommands() + transport.retryControls();
            work += outboxes.read(spokeMessages);
            if (null != core)
            {
                work += core.doWork(nowMs);
            }
            if (housekeeping && nowMs >= nextHousekeepingMs)
            {
                work += housekeep(nowMs);
            }
            releaseQuiescenceWaiters();
            return work;
        }
        catch (final Error ex)
        {
            fail("stopped: " + ex, ex);
            return 1;
        }
        catch (final ProtocolException ex)
        {
            fail("stopped: " + ex.getMessage(), ex);
            return 1;
        }
    }

    private int housekeep(final long nowMs)
    {
        nextHousekeepingMs = nowMs + HOUSEKEEPING_PERIOD_MS;
        poolFile.hubHeartbeatRelease(nowMs);
        final int corrupt = outboxes.verify(spokeMessages);
        sampleOccupancy();
        final int lost = transport.detectLostSpokes(nowMs, this::onSpokeLost);
        if (lost > 0)
        {
            counters.spokesLost(lost);
        }
        return corrupt + lost;
    }

    /**
     * The pool closes: tasks still outstanding, and commands never run, end with the reason.
     */
    @Override
    public void onClose()
    {
        closed = true;
        duty.lock();
        try
        {
            if (null == failure)
            {
                runCommands();
                abandon(new CancellationException("pool " + poolId + " was closed while the task was outstanding"));
            }
        }
        finally
        {
            duty.unlock();
        }
    }

    @Override
    public String roleName()
    {
        return "spm4j-hub";
    }

    /**
     * @return the run online now; null if none.
     */
    FarmCore core()
    {
        return core;
    }

    /**
     * @return true on the thread running the duty cycle now: the hub thread, or a user thread waiting for a task,
     *         and so any callback.
     */
    boolean isHubThread()
    {
        return duty.isHeldByCurrentThread();
    }

    /**
     * @return true until the pool closes or fails.
     */
    boolean isRunning()
    {
        return !closed && null == failure;
    }

    /**
     * @throws PoolFailedException   if the hub stopped by an error.
     * @throws IllegalStateException if the pool is closed.
     */
    void checkRunning()
    {
        final RuntimeException ended = endedException();
        if (null != ended)
        {
            throw ended;
        }
    }

    /**
     * Any thread, once the hub has ended: every command queued is abandoned.
     */
    void abandonCommands()
    {
        final RuntimeException ended = endedException();
        HubCommand command;
        while (null != ended && null != (command = commands.poll()))
        {
            command.abandon(ended);
        }
    }

    /**
     * Hub thread only: the run is over.
     */
    void detach()
    {
        core = null;
    }

    /**
     * Hub thread only: complete {@code waiter} once no task is pending or running.
     */
    void onQuiescence(final CompletableFuture<Void> waiter)
    {
        quiescenceWaiters.add(waiter);
    }

    private void sampleOccupancy()
    {
        long inboxes = 0;
        long outboxBytes = 0;
        for (int spokeId = 0; spokeId < transport.spokeCount(); spokeId++)
        {
            final int inbox = transport.inboxSize(spokeId);
            final int outbox = outboxes.size(spokeId);
            counters.inboxOccupancy(spokeId, inbox);
            counters.outboxOccupancy(spokeId, outbox);
            inboxes += inbox;
            outboxBytes += outbox;
        }
        counters.inboxOccupancy(PoolCounters.TOTAL, inboxes);
        counters.outboxOccupancy(PoolCounters.TOTAL, outboxBytes);
    }

    private RuntimeException endedException()
    {
        final PoolFailedException failed = failure;
        if (null != failed)
        {
            return new PoolFailedException(failed.getMessage(), failed.getCause());
        }
        return closed ? new IllegalStateException("the pool is closed; close managers before their pool") : null;
    }

    private void fail(final String what, final Throwable cause)
    {
        failure = new PoolFailedException("the hub of pool " + poolId + " " + what, cause);
        try
        {
            onFailure.accept(failure);
        }
        finally
        {
            abandon(failure);
        }
    }

    private void abandon(final RuntimeException cause)
    {
        if (null != core)
        {
            core.abandonAll(cause);
        }
        quiescenceWaiters.forEach(waiter -> waiter.completeExceptionally(cause));
        quiescenceWaiters.clear();
        abandonCommands();
    }

    private int runCommands()
    {
        int count = 0;
        HubCommand command;
        while (null != (command = commands.poll()))
        {
            command.run();
            count++;
        }
        return count;
    }

    /**
     * What a spoke sent before it died still counts, so its outbox is drained before the farm hears of it; the value
     * segments it wrote and did not report, or was writing, go before then too. The farm records the loss of a spoke
     * that ran one of its tasks; the loss of one that ran none is recorded here.
     */
    private void onSpokeLost(
        final int spokeId, final long pid, final long runningTaskId, final ErrorKind kind, final String how)
    {
        outboxes.drain(spokeId, spokeMessages);
        transport.segments().deleteSpokeSegments(spokeId);
        if (null != core)
        {
            core.onSpokeLost(spokeId, pid, runningTaskId, kind, how);
        }
        if (null != core && SpokeSlotDescriptor.NO_TASK != runningTaskId)
        {
            return;
        }
        journal.append(kind, SpokeSlotDescriptor.NO_TASK, 0, "", spokeId, pid,
            new IllegalStateException("spoke " + spokeId + " (pid " + pid + ") " + how + " while it ran no task"), 0,
            NOTHING, NOTHING);
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

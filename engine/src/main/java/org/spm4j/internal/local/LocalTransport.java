package org.spm4j.internal.local;

import java.util.List;

import org.agrona.DirectBuffer;
import org.spm4j.internal.farm.FarmTask;
import org.spm4j.internal.farm.FarmTaskBatch;
import org.spm4j.internal.farm.Transport;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.SpokeSlot;
import org.spm4j.shm.SpokeSlotDescriptor;
import org.spm4j.shm.SpokeState;
import org.spm4j.shm.ValueSegments;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.mailbox.ControlCommand;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageSender;

/**
 * A local pool's spokes: their processes, inboxes, outboxes and slots. Sends tasks and controls, notices a spoke
 * that died, and launches replacements, each with an empty inbox and outbox; one it kills goes with the value
 * segments it wrote (results it reported that the hub has not read, one it was writing). Hub thread only, except
 * {@link #launchAll()} and {@link #stopAll} at the pool's start and end.
 */
public final class LocalTransport implements Transport
{
    private static final java.time.Duration SHUTDOWN_CHECK = java.time.Duration.ofMillis(10);

    /**
     * Why the hub killed a spoke, for the record of its loss.
     */
    private record Condemnation(ErrorKind kind, String why)
    {
    }

    private final SpokeStarter starter;
    private final SpokeProcess[] processes;
    private final Inbox[] inboxes;
    private final Outboxes outboxes;
    private final SpokeSlot[] slots;
    private final FailedStarts[] failedStarts;
    private final Condemnation[] condemnations;
    private final String[] givenUp;
    private final MessageSender sender = new MessageSender();
    private final PendingControls controls;
    private final FarmTaskBatch batch = new FarmTaskBatch();
    private final ValueSegments segments;
    private final long heartbeatTimeoutMs;
    private long lastCheckMs;

    /**
     * @param heartbeatTimeoutMs oldest heartbeat a live spoke may have before it is killed as frozen.
     */
    LocalTransport(final PoolFile poolFile, final SpokeStarter starter, final long heartbeatTimeoutMs)
    {
        this.starter = starter;
        this.heartbeatTimeoutMs = heartbeatTimeoutMs;
        final int spokes = poolFile.layout().spokeCount();
        processes = new SpokeProcess[spokes];
        inboxes = new Inbox[spokes];
        slots = new SpokeSlot[spokes];
        failedStarts = new FailedStarts[spokes];
        condemnations = new Condemnation[spokes];
        givenUp = new String[spokes];
        for (int spokeId = 0; spokeId < spokes; spokeId++)
        {
            inboxes[spokeId] = Inbox.ofSpoke(poolFile, spokeId);
            slots[spokeId] = poolFile.spokeSlot(spokeId);
            failedStarts[spokeId] = new FailedStarts();
        }
        controls = new PendingControls(sender, inboxes);
        outboxes = new Outboxes(poolFile);
        segments = ValueSegments.ofHub(PoolDirectory.of(poolFile.path().getParent()));
    }

    void launchAll()
    {
        for (int spokeId = 0; spokeId < processes.length; spokeId++)
        {
            launch(spokeId);
        }
    }

    /**
     * An external spoke that died before READY only frees its slot for another.
     *
     * @return the first launched spoke that died before READY, or -1; -2 once all are READY.
     */
    int startProgress()
    {
        boolean allReady = true;
        for (int spokeId = 0; spokeId < processes.length; spokeId++)
        {
            if (!processes[spokeId].isAlive())
            {
                if (!starter.isExternal())
                {
                    return spokeId;
                }
                relaunch(spokeId);
            }
            allReady &= SpokeState.READY == slots[spokeId].stateVolatile();
        }
        return allReady ? -2 : -1;
    }

    int readyCount()
    {
        int ready = 0;
        for (final SpokeSlot slot : slots)
        {
            ready += SpokeState.READY == slot.stateVolatile() ? 1 : 0;
        }
        return ready;
    }

    int inboxSize(final int spokeId)
    {
        return inboxes[spokeId].size();
    }

    /**
     * @return the pool's value segments, as the hub deletes them.
     */
    ValueSegments segments()
    {
        return segments;
    }

    /**
     * @return the spokes' outboxes, which the hub reads.
     */
    Outboxes outboxes()
    {
        return outboxes;
    }

    SpokeProcess process(final int spokeId)
    {
        return processes[spokeId];
    }

    @Override
    public int spokeCount()
    {
        return processes.length;
    }

    /**
     * A spoke whose outbox waits to be emptied for it takes no task: its status would go where the reset falls.
     */
    @Override
    public boolean isReady(final int spokeId)
    {
        final SpokeProcess process = processes[spokeId];
        if (null == process || !process.isAlive() || outboxes.isResetPending(spokeId))
        {
            return false;
        }
        final SpokeState state = slots[spokeId].stateVolatile();
        return SpokeState.READY == state || SpokeState.BUSY == state;
    }

    @Override
    public String unavailable(final int spokeId)
    {
        return givenUp[spokeId];
    }

    @Override
    public boolean isIdle(final int spokeId)
    {
        final SpokeSlot slot = slots[spokeId];
        return isReady(spokeId) && SpokeState.READY == slot.stateVolatile() &&
            SpokeSlotDescriptor.NO_TASK == slot.currentTaskVolatile() && 0 == inboxes[spokeId].size() &&
            0 == outboxes.size(spokeId);
    }

    @Override
    public boolean send(final int spokeId, final List<FarmTask> tasks, final long runId, final int flags)
    {
        return sender.sendTasks(inboxes[spokeId], batch.wrap(tasks), runId, flags);
    }

    /**
     * The asking task waits for this reply, reading its inbox, so a full inbox empties soon; a spoke that
     * died meanwhile no longer needs it.
     */
    @Override
    public void reply(
        final int spokeId,
        final long correlationId,
        final long taskId,
        final int attempt,
        final DirectBuffer reply,
        final int length)
    {
        final long deadlineNs = System.nanoTime() + Inbox.STALL_TIMEOUT_NS;
        while (!sender.sendReply(inboxes[spokeId], correlationId, taskId, attempt, reply, 0, length))
        {
            if (!isReady(spokeId))
            {
                return;
            }
            if (System.nanoTime() > deadlineNs)
            {
                condemn(spokeId, ErrorKind.SPOKE_UNRESPONSIVE, "left its inbox full for " +
                    Inbox.STALL_TIMEOUT_NS / 1_000_000 + " ms while its task waited for a reply");
                return;
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public long runningTask(final int spokeId)
    {
        return isReady(spokeId) ? slots[spokeId].currentTaskVolatile() : SpokeSlotDescriptor.NO_TASK;
    }

    @Override
    public void cancel(final int spokeId, final long taskId)
    {
        if (isReady(spokeId))
        {
            controls.send(spokeId, ControlCommand.CANCEL_TASK, taskId);
        }
    }

    /**
     * A spoke given up on has nothing to kill; one whose start waits out a backoff is dead already and starts when
     * the backoff ends.
     */
    @Override
    public long kill(final int spokeId)
    {
        final SpokeProcess process = processes[spokeId];
        if (null == process)
        {
            return 0;
        }
        process.kill();
        segments.deleteSpokeSegments(spokeId);
        if (!failedStarts[spokeId].isWaiting())
        {
            relaunch(spokeId);
        }
        return process.pid();
    }

    @Override
    public void restartAll()
    {
        for (int spokeId = 0; spokeId < processes.length; spokeId++)
        {
            kill(spokeId);
        }
    }

    /**
     * Notice spokes that died, or are frozen (their heartbeat older than the timeout: they are killed), tell
     * the listener, launch replacements. The listener may already have had the spoke replaced (a crew restarts
     * all its spokes); then it must not be launched twice. A spoke that died before READY by itself is started
     * again only after a backoff ({@link FailedStarts#backoffMs()}), counted on {@code nowMs} by later calls, so
     * the hub's duty cycle never waits for it; one that cannot start by itself is given up on.
     *
     * @param nowMs    the hub's clock, for heartbeats.
     * @param listener hears of each spoke lost.
     * @return spokes lost.
     */
    int detectLostSpokes(final long nowMs, final SpokeLossListener listener)
    {
        // after a pause of the whole node (or of the hub itself), spokes have had no chance to heartbeat yet
        final boolean judgeHeartbeats = nowMs - lastCheckMs < heartbeatTimeoutMs / 2;
        lastCheckMs = nowMs;
        int lost = 0;
        for (int spokeId = 0; spokeId < processes.length; spokeId++)
        {
            final SpokeProcess process = processes[spokeId];
            if (failedStarts[spokeId].isWaiting())
            {
                if (failedStarts[spokeId].waitIsOver(nowMs))
                {
                    relaunch(spokeId);
                }
                continue;
            }
            if (null == process || isAliveAndAnswering(spokeId, process, judgeHeartbeats, nowMs))
            {
                continue;
            }
            lost++;
            final Condemnation condemned = condemnations[spokeId];
            listener.onSpokeLost(spokeId, process.pid(), slots[spokeId].currentTaskVolatile(),
                null != condemned ? condemned.kind() : ErrorKind.SPOKE_CRASHED,
                null != condemned ? condemned.why() + " and was killed" : "died (it " + process.exitSummary() + ")");
            condemnations[spokeId] = null;
            if (processes[spokeId] != process)
            {
                continue;
            }
            final boolean diedStarting = SpokeState.STARTING == slots[spokeId].stateVolatile() && null == condemned &&
                !process.wasKilled();
            if (!failedStarts[spokeId].died(diedStarting) && !starter.isExternal())
            {
                giveUp(spokeId, process);
            }
            else if (diedStarting && !starter.isExternal())
            {
                failedStarts[spokeId].waitFrom(nowMs);
            }
            else
            {
                relaunch(spokeId);
            }
        }
        return lost;
    }

    /**
     * @return the controls that waited for room and went now.
     */
    int retryControls()
    {
        return controls.retry();
    }

    private boolean isAliveAndAnswering(
        final int spokeId, final SpokeProcess process, final boolean judgeHeartbeat, final long nowMs)
    {
        if (!process.isAlive())
        {
            return false;
        }
        final SpokeState state = slots[spokeId].stateVolatile();
        if (SpokeState.READY == state)
        {
            failedStarts[spokeId].ready();
        }
        final long heartbeatAgeMs = nowMs - slots[spokeId].heartbeatVolatile();
        if (judgeHeartbeat && (SpokeState.READY == state || SpokeState.BUSY == state) &&
            heartbeatAgeMs > heartbeatTimeoutMs)
        {
            condemn(spokeId, ErrorKind.SPOKE_UNRESPONSIVE, "missed its heartbeat for " + heartbeatAgeMs +
                " ms (the limit is " + heartbeatTimeoutMs + " ms): it is frozen or stopped");
        }
        return process.isAlive();
    }

    private void giveUp(final int spokeId, final SpokeProcess process)
    {
        givenUp[spokeId] = "spoke " + spokeId + " died " + FailedStarts.MAX_IN_A_ROW + " times in a row before it " +
            "was READY and is not started again; the last one " + process.exitDescription();
        System.err.println("spm4j: " + givenUp[spokeId]);
        processes[spokeId] = null;
        controls.discard(spokeId);
    }

    /**
     * A spoke's outbox was found corrupt. A live spoke is killed, and its outbox emptied when another takes the
     * slot; a slot that no live spoke writes from (its spoke dead, given up on, or not attached yet) has its outbox
     * emptied at once, as no one may write to it before the hub sends it a task.
     *
     * @param spokeId the spoke.
     * @param what    what is wrong with the outbox.
     */
    void outboxCorrupt(final int spokeId, final String what)
    {
        final SpokeProcess process = processes[spokeId];
        if (null != process && process.isAlive() && 0 != process.pid())
        {
            condemn(spokeId, "left its outbox corrupt (" + what + ")");
        }
        else
        {
            outboxes.reset(spokeId);
        }
    }

    /**
     * Kill a spoke that misbehaved; the next {@link #detectLostSpokes} tells the farm why and starts another.
     *
     * @param spokeId the spoke.
     * @param why     what it did, e.g. "sent the hub a malformed message (...)".
     */
    void condemn(final int spokeId, final String why)
    {
        condemn(spokeId, ErrorKind.SPOKE_CRASHED, why);
    }

    private void condemn(final int spokeId, final ErrorKind kind, final String why)
    {
        final SpokeProcess process = processes[spokeId];
        if (null == process || null != condemnations[spokeId])
        {
            return;
        }
        condemnations[spokeId] = new Condemnation(kind, why);
        System.err.println("spm4j: spoke " + spokeId + " (pid " + process.pid() + ") " + why + "; it is killed and " +
            "started again");
        process.kill();
    }

    /**
     * Ask every spoke to stop, wait up to the grace period, then kill what is left.
     */
    void stopAll(final java.time.Duration grace)
    {
        for (int spokeId = 0; spokeId < processes.length; spokeId++)
        {
            if (null != processes[spokeId] && processes[spokeId].isAlive())
            {
                controls.send(spokeId, ControlCommand.SHUTDOWN, 0);
            }
        }
        final long deadlineNs = System.nanoTime() + grace.toNanos();
        for (final SpokeProcess process : processes)
        {
            while (null != process && !process.awaitExit(SHUTDOWN_CHECK) && System.nanoTime() < deadlineNs)
            {
                controls.retry();
            }
            if (null != process && process.isAlive())
            {
                process.kill();
            }
        }
    }

    void killAll()
    {
        for (final SpokeProcess process : processes)
        {
            if (null != process)
            {
                process.kill();
            }
        }
    }

    /**
     * The spoke in the slot is dead; nothing it left may reach its successor, nor be taken for the successor's:
     * neither a task in its inbox, nor a status or a half-written claim in its outbox, nor why it was condemned.
     */
    private void relaunch(final int spokeId)
    {
        controls.discard(spokeId);
        discardInbox(spokeId);
        outboxes.reset(spokeId);
        condemnations[spokeId] = null;
        launch(spokeId);
    }

    private void launch(final int spokeId)
    {
        slots[spokeId].reset();
        processes[spokeId] = starter.start(slots[spokeId]);
    }

    /**
     * Tasks left in a dead spoke's inbox are already accounted for by the farm; the replacement must not
     * run them.
     */
    private void discardInbox(final int spokeId)
    {
        inboxes[spokeId].discardAllOfDeadReader();
    }
}

package org.spm4j.internal.spoke;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.internal.shared.SegmentViews;
import org.spm4j.internal.task.PeerChannel;
import org.spm4j.internal.task.TaskApplication;
import org.spm4j.internal.task.TaskEvaluator;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.SpokeSlot;
import org.spm4j.shm.SpokeSlotDescriptor;
import org.spm4j.shm.SpokeState;
import org.spm4j.shm.mailbox.BatchFlyweight;
import org.spm4j.shm.mailbox.ControlFlyweight;
import org.spm4j.shm.mailbox.ElementPayloads;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageSender;
import org.spm4j.shm.mailbox.MessageTypes;
import org.spm4j.shm.mailbox.PeerFlyweight;
import org.spm4j.shm.mailbox.ReplyFlyweight;
import org.spm4j.shm.mailbox.RequestFlyweight;
import org.spm4j.shm.mailbox.StatusFlyweight;
import org.spm4j.shm.mailbox.TaskFlyweight;
import org.spm4j.shm.mailbox.TaskOutcome;

/**
 * A spoke's duty cycle: take messages from its inbox (queueing tasks, obeying controls), then run one
 * queued task and report its status to the hub. Queueing before running lets a CANCEL reach a task
 * that has not started. A task flagged {@link TaskFlyweight#CONCURRENT} is only started, on a thread of its own
 * ({@link ConcurrentTasks}); its status leaves from a later duty cycle, once it has ended.
 * <p>
 * Every wait of a running task is bounded by {@link WaitLimits}: its deadline and the hub's heartbeat. A
 * crew rank that waits for a peer also fails when {@link CrewDeadlockWatch} finds the whole crew stuck.
 */
public final class SpokeAgent implements Agent
{
    private static final int READ_LIMIT = 64;
    private static final UnsafeBuffer EMPTY = new UnsafeBuffer(new byte[0]);

    private final int spokeId;
    private final Inbox inbox;
    private final Inbox outbox;
    private final SpokeSlot slot;
    private final WaitLimits limits;
    private final CrewMarks crewMarks;
    private final CrewDeadlockWatch deadlockWatch;
    private final NanoClock clock;
    private final IdleStrategy sendIdle;
    private final MessageSender sender = new MessageSender();
    private final TaskFlyweight taskMessage = new TaskFlyweight();
    private final ControlFlyweight control = new ControlFlyweight();
    private final ArrayDeque<QueuedTask> queue = new ArrayDeque<>();
    private final ArrayDeque<QueuedTask> spareTasks = new ArrayDeque<>();
    private final ReplyFlyweight replyMessage = new ReplyFlyweight();
    private final PeerFlyweight peerMessage = new PeerFlyweight();
    private final PeerMessages peerMessages = new PeerMessages();
    private final Inbox[] peerInboxes;
    private final MessageHandler messageHandler = this::onMessage;
    private final ChunkRunner chunkRunner;
    private final ConcurrentTasks concurrentTasks;
    private final Consumer<ConcurrentTasks.Started> onConcurrentEnded = this::endConcurrent;
    private TaskEvaluator evaluator;
    private long awaitedCorrelationId = RequestFlyweight.NO_REPLY;
    private long awaitedTaskId;
    private int awaitedAttempt;
    private DirectBuffer awaitedReply;
    private long runningTaskId;
    private int runningAttempt;
    /** A task of a new run has passed a sequence point: arrays closed before it may be let go. */
    private long lastRunId;
    private boolean shutdownRequested;

    /**
     * @param spokeId     this spoke.
     * @param outbox      this spoke's outbox, which carries its statuses and requests to the hub.
     * @param peerInboxes every spoke's inbox, by spoke id, this one's included.
     * @param slots       every spoke's slot, by spoke id, this one's included.
     * @param limits      what bounds a task's waits.
     * @param clock       the clock inbox reads and waits are timed by.
     * @param sendIdle    how a task waits for a message or for room in an inbox.
     */
    SpokeAgent(
        final int spokeId,
        final Inbox outbox,
        final Inbox[] peerInboxes,
        final SpokeSlot[] slots,
        final WaitLimits limits,
        final NanoClock clock,
        final IdleStrategy sendIdle)
    {
        this.spokeId = spokeId;
        this.inbox = peerInboxes[spokeId];
        this.outbox = outbox;
        this.peerInboxes = peerInboxes;
        this.slot = slots[spokeId];
        this.limits = limits;
        this.crewMarks = new CrewMarks(slot);
        this.deadlockWatch = new CrewDeadlockWatch(slots, peerInboxes);
        this.clock = clock;
        this.sendIdle = sendIdle;
        this.concurrentTasks = new ConcurrentTasks(spokeId);
        this.chunkRunner = new ChunkRunner(slot, clock,
            (chunkId, attempt, firstElement, entries, length) -> sendStatus(
                chunkId, attempt, TaskOutcome.ELEMENTS, firstElement, entries, length),
            // no stall watch between elements: the duty cycle keeps it, and this runs once an element
            () -> inbox.read(messageHandler, READ_LIMIT));
    }

    void use(final TaskEvaluator evaluator)
    {
        this.evaluator = evaluator;
    }

    @Override
    public int doWork()
    {
        int work = inbox.read(messageHandler, READ_LIMIT, clock.nanoTime());
        work += concurrentTasks.pollEnded(onConcurrentEnded);
        final QueuedTask task = queue.poll();
        if (null != task)
        {
            if (0 != (task.flags & TaskFlyweight.CONCURRENT))
            {
                startConcurrent(task);
            }
            else
            {
                run(task);
                release(task);
            }
            work++;
        }
        return work;
    }

    boolean isShutdownRequested()
    {
        return shutdownRequested && queue.isEmpty() && concurrentTasks.isEmpty();
    }

    @Override
    public String roleName()
    {
        return "spoke-" + spokeId;
    }

    private void onMessage(final int typeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        switch (typeId)
        {
            case MessageTypes.TASK ->
            {
                final QueuedTask spare = spareTasks.poll();
                queue.add((null == spare ? new QueuedTask() : spare).copyOf(taskMessage.wrap(buffer, index, length)));
            }
            case MessageTypes.CONTROL -> onControl(control.wrap(buffer, index, length));
            case MessageTypes.BATCH -> BatchFlyweight.forEachElement(buffer, index, length, this::onMessage);
            case MessageTypes.REPLY -> onReply(replyMessage.wrap(buffer, index, length));
            case MessageTypes.PEER -> onPeer(peerMessage.wrap(buffer, index, length));
            default -> throw new ProtocolException("spoke " + spokeId + " received a " + MessageTypes.name(typeId) +
                " message it does not handle");
        }
    }

    /**
     * Only the reply the running task waits for is taken; any other (for an attempt that has ended) is
     * dropped.
     */
    private void onReply(final ReplyFlyweight reply)
    {
        if (reply.correlationId() == awaitedCorrelationId && reply.taskId() == awaitedTaskId &&
            reply.attempt() == awaitedAttempt)
        {
            awaitedReply = new UnsafeBuffer(reply.payloadBytes());
        }
    }

    private void onPeer(final PeerFlyweight peer)
    {
        if (peerMessages.add(peer))
        {
            // RUNNING before the inbox shows the message read, as CrewDeadlockWatch's rule needs
            crewMarks.running();
        }
    }

    /**
     * While the peer's inbox is full this spoke keeps reading its own, so that two ranks sending to each
     * other cannot both wait for room for ever.
     */
    void sendPeer(
        final long generation,
        final int from,
        final int to,
        final int tag,
        final DirectBuffer payload,
        final int length)
    {
        sendIdle.reset();
        while (!sender.sendPeer(peerInboxes[to], generation, from, to, tag, payload, 0, length))
        {
            if (limits.mustGiveUp())
            {
                throw limits.giveUp("rank " + from + " gave up sending to rank " + to + " (tag " +
                    PeerChannel.tagName(tag) + "), whose inbox stayed full");
            }
            sendIdle.idle(inbox.read(messageHandler, READ_LIMIT, clock.nanoTime()));
        }
    }

    /**
     * Wait for the next message of this generation from a peer with a tag, taking other messages
     * meanwhile, until the message comes, the wait limits end it, or the crew is found deadlocked.
     */
    DirectBuffer awaitPeer(final long generation, final int rank, final int size, final int from, final int tag)
    {
        peerMessages.keepOnly(generation);
        DirectBuffer message = peerMessages.take(generation, from, tag);
        if (null != message)
        {
            return message;
        }
        peerMessages.await(generation, from, tag);
        crewMarks.waiting();
        deadlockWatch.reset();
        sendIdle.reset();
        try
        {
            while (null == (message = peerMessages.take(generation, from, tag)))
            {
                final int read = inbox.read(messageHandler, READ_LIMIT, clock.nanoTime());
                if (peerMessages.isAwaiting())
                {
                    checkPeerWait(rank, size, from, tag);
                }
                sendIdle.idle(read);
            }
            return message;
        }
        finally
        {
            if (peerMessages.stopAwaiting())
            {
                crewMarks.running();
            }
        }
    }

    private void checkPeerWait(final int rank, final int size, final int from, final int tag)
    {
        if (limits.mustGiveUp())
        {
            throw limits.giveUp("rank " + rank + " gave up waiting for a message from rank " + from + " (tag " +
                PeerChannel.tagName(tag) + ")");
        }
        if (deadlockWatch.isDeadlocked(rank, size, runningTaskId, runningAttempt, clock.nanoTime()))
        {
            throw new IllegalStateException("crew deadlock: rank " + rank + " waits for rank " + from +
                " and every other unfinished rank waits too");
        }
    }

    void sendRequest(
        final long correlationId, final long taskId, final int attempt, final DirectBuffer payload, final int length)
    {
        sendIdle.reset();
        while (!sender.sendRequest(outbox, correlationId, taskId, attempt, spokeId, payload, 0, length))
        {
            if (limits.mustGiveUp())
            {
                throw limits.giveUp("task " + taskId + " attempt " + attempt + " gave up sending a request to the " +
                    "hub: its spoke's outbox stayed full");
            }
            sendIdle.idle();
        }
    }

    /**
     * Wait for the hub's reply, still taking other messages: tasks queue up, controls are obeyed. A reply
     * that comes after the wait gave up is dropped.
     */
    DirectBuffer awaitReply(final long correlationId, final long taskId, final int attempt)
    {
        awaitedCorrelationId = correlationId;
        awaitedTaskId = taskId;
        awaitedAttempt = attempt;
        awaitedReply = null;
        sendIdle.reset();
        try
        {
            while (null == awaitedReply)
            {
                final int read = inbox.read(messageHandler, READ_LIMIT, clock.nanoTime());
                if (null == awaitedReply && limits.mustGiveUp())
                {
                    throw limits.giveUp("task " + taskId + " attempt " + attempt + " gave up waiting for the hub's " +
                        "reply to its request " + correlationId);
                }
                sendIdle.idle(read);
            }
            return awaitedReply;
        }
        finally
        {
            awaitedCorrelationId = RequestFlyweight.NO_REPLY;
        }
    }

    private void onControl(final ControlFlyweight control)
    {
        switch (control.command())
        {
            case SHUTDOWN -> shutdownRequested = true;
            case CANCEL_TASK -> cancel(control.value());
            case FENCE_ADVANCED ->
            {
            }
            default -> throw new ProtocolException("spoke " + spokeId + " cannot obey " + control.command());
        }
    }

    private void cancel(final long taskId)
    {
        if (taskId == runningTaskId && ElementPayloads.isChunk(taskId))
        {
            chunkRunner.cancel();
        }
        for (final Iterator<QueuedTask> it = queue.iterator(); it.hasNext();)
        {
            final QueuedTask task = it.next();
            if (task.taskId == taskId)
            {
                it.remove();
                sendStatus(taskId, task.attempt, TaskOutcome.CANCELLED, StatusFlyweight.NO_JOURNAL_INDEX, EMPTY, 0);
                release(task);
            }
        }
    }

    private void run(final QueuedTask task)
    {
        noteRun(task);
        slot.taskStart(task.closureId, limits.nowMs());
        slot.currentTaskRelease(task.taskId);
        slot.stateRelease(SpokeState.BUSY);
        runningTaskId = task.taskId;
        runningAttempt = task.attempt;
        limits.taskStarted(task.deadlineMs);
        if (TaskFlyweight.NO_DEADLINE != task.deadlineMs)
        {
            evaluator.prepareForDeadline();
        }
        if (0 != (task.flags & TaskFlyweight.ELEMENTS))
        {
            chunkRunner.run(evaluator, task);
            slot.currentTaskRelease(SpokeSlotDescriptor.NO_TASK);
            slot.stateRelease(SpokeState.READY);
            return;
        }
        final boolean crew = 0 != (task.flags & TaskFlyweight.MAY_MESSAGE_PEERS);
        if (crew)
        {
            crewMarks.started(task.taskId, task.attempt);
        }
        final int length = evaluator.evaluate(
            task.taskId, task.runId, task.closureId, task.attempt, task.flags, task.argument, 0, task.argumentLength);
        if (crew)
        {
            crewMarks.finished();
        }
        // an interrupt the task left would make the idle strategy spin and the next task's sleeps fail at once
        Thread.interrupted();
        if (TaskEvaluator.FAILED == length)
        {
            sendStatus(task.taskId, task.attempt, TaskOutcome.FAILED, evaluator.journalIndex(), EMPTY, 0);
        }
        else
        {
            sendStatus(task.taskId, task.attempt, TaskOutcome.OK, StatusFlyweight.NO_JOURNAL_INDEX,
                evaluator.result(), length);
        }
        slot.currentTaskRelease(SpokeSlotDescriptor.NO_TASK);
        slot.stateRelease(SpokeState.READY);
    }

    private void noteRun(final QueuedTask task)
    {
        if (task.runId != lastRunId)
        {
            lastRunId = task.runId;
            SegmentViews.forgetRemoved();
        }
    }

    private void startConcurrent(final QueuedTask task)
    {
        noteRun(task);
        final TaskApplication application = evaluator.prepare(
            task.taskId, task.runId, task.closureId, task.attempt, task.argument, 0, task.argumentLength);
        if (null == application)
        {
            sendStatus(task.taskId, task.attempt, TaskOutcome.FAILED, evaluator.journalIndex(), EMPTY, 0);
            release(task);
            return;
        }
        concurrentTasks.start(task, application, limits.nowMs());
        publishConcurrent();
    }

    private void endConcurrent(final ConcurrentTasks.Started ended)
    {
        final QueuedTask task = ended.task();
        final int length = evaluator.complete(ended.application(), task.argument, 0, task.argumentLength);
        if (TaskEvaluator.FAILED == length)
        {
            sendStatus(task.taskId, task.attempt, TaskOutcome.FAILED, evaluator.journalIndex(), EMPTY, 0);
        }
        else
        {
            sendStatus(task.taskId, task.attempt, TaskOutcome.OK, StatusFlyweight.NO_JOURNAL_INDEX,
                evaluator.result(), length);
        }
        release(task);
        publishConcurrent();
    }

    /**
     * The slot shows the concurrent task that has run longest, as it shows the one task running otherwise, so that
     * the hub counts the spoke busy while any runs.
     */
    private void publishConcurrent()
    {
        final ConcurrentTasks.Started oldest = concurrentTasks.oldest();
        if (null == oldest)
        {
            slot.currentTaskRelease(SpokeSlotDescriptor.NO_TASK);
            slot.stateRelease(SpokeState.READY);
        }
        else if (slot.currentTaskVolatile() != oldest.task().taskId)
        {
            slot.taskStart(oldest.task().closureId, oldest.startMs());
            slot.currentTaskRelease(oldest.task().taskId);
            slot.stateRelease(SpokeState.BUSY);
        }
    }

    /**
     * A task that has run or been cancelled is kept for the next one to arrive, unless a huge argument grew
     * its buffer.
     */
    private void release(final QueuedTask task)
    {
        if (task.isWorthKeeping())
        {
            spareTasks.add(task);
        }
    }

    /**
     * Each status leaves as soon as its task ends: holding it back to share a record with the next
     * one would delay it by however long the next task runs. An outbox that stays full while the hub's
     * heartbeat goes stale ends the duty cycle: no hub will read it.
     */
    private void sendStatus(
        final long taskId,
        final int attempt,
        final TaskOutcome outcome,
        final long journalIndex,
        final DirectBuffer result,
        final int length)
    {
        sendIdle.reset();
        while (!sender.sendStatus(outbox, taskId, attempt, spokeId, outcome, journalIndex, result, 0, length))
        {
            if (limits.isHubStale())
            {
                throw limits.giveUp("spoke " + spokeId + " gave up sending the status of task " + taskId +
                    " attempt " + attempt + " to the hub: its outbox stayed full");
            }
            sendIdle.idle();
        }
    }
}

package org.spm4j.internal.spoke;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.internal.task.TaskEvaluator;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.SpokeSlot;
import org.spm4j.shm.SpokeSlotDescriptor;
import org.spm4j.shm.SpokeState;
import org.spm4j.shm.mailbox.BatchFlyweight;
import org.spm4j.shm.mailbox.ControlFlyweight;
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
 * that has not started.
 */
public final class SpokeAgent implements Agent
{
    private static final int READ_LIMIT = 64;
    private static final UnsafeBuffer EMPTY = new UnsafeBuffer(new byte[0]);

    private final int spokeId;
    private final Inbox inbox;
    private final Inbox hubInbox;
    private final SpokeSlot slot;
    private final NanoClock clock;
    private final IdleStrategy sendIdle;
    private final MessageSender sender = new MessageSender();
    private final TaskFlyweight taskMessage = new TaskFlyweight();
    private final ControlFlyweight control = new ControlFlyweight();
    private final ArrayDeque<QueuedTask> queue = new ArrayDeque<>();
    private final ArrayDeque<QueuedTask> spareTasks = new ArrayDeque<>();
    private final ReplyFlyweight replyMessage = new ReplyFlyweight();
    private final PeerFlyweight peerMessage = new PeerFlyweight();
    private final List<PeerMessage> peerMessages = new ArrayList<>();
    private final Inbox[] peerInboxes;
    private TaskEvaluator evaluator;
    private long awaitedCorrelationId = RequestFlyweight.NO_REPLY;
    private long awaitedTaskId;
    private int awaitedAttempt;
    private DirectBuffer awaitedReply;
    private boolean shutdownRequested;

    private record PeerMessage(long generation, int from, int tag, byte[] payload)
    {
    }

    /**
     * A task read from the inbox, waiting its turn. Reused once it has run or been cancelled, with its argument
     * buffer, so that a spoke does not allocate for each task it queues.
     */
    private static final class QueuedTask
    {
        private static final int MAX_KEPT_CAPACITY = 64 * 1024;

        private final ExpandableArrayBuffer argument = new ExpandableArrayBuffer(64);
        private long taskId;
        private long runId;
        private int closureId;
        private int attempt;
        private int flags;
        private int argumentLength;

        QueuedTask copyOf(final TaskFlyweight message)
        {
            taskId = message.taskId();
            runId = message.runId();
            closureId = message.closureId();
            attempt = message.attempt();
            flags = message.flags();
            argumentLength = message.payloadLength();
            argument.putBytes(0, message.buffer(), message.payloadOffset(), argumentLength);
            return this;
        }

        boolean isWorthKeeping()
        {
            return argument.capacity() <= MAX_KEPT_CAPACITY;
        }
    }

    SpokeAgent(
        final int spokeId,
        final Inbox inbox,
        final Inbox hubInbox,
        final Inbox[] peerInboxes,
        final SpokeSlot slot,
        final NanoClock clock,
        final IdleStrategy sendIdle)
    {
        this.spokeId = spokeId;
        this.inbox = inbox;
        this.hubInbox = hubInbox;
        this.peerInboxes = peerInboxes;
        this.slot = slot;
        this.clock = clock;
        this.sendIdle = sendIdle;
    }

    void use(final TaskEvaluator evaluator)
    {
        this.evaluator = evaluator;
    }

    @Override
    public int doWork()
    {
        int work = inbox.read(this::onMessage, READ_LIMIT, clock.nanoTime());
        final QueuedTask task = queue.poll();
        if (null != task)
        {
            run(task);
            release(task);
            work++;
        }
        return work;
    }

    boolean isShutdownRequested()
    {
        return shutdownRequested && queue.isEmpty();
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

    /**
     * A peer may write before this spoke has even read its crew task, so every message is kept until a
     * task of its generation takes it or a task of a later generation starts.
     */
    private void onPeer(final PeerFlyweight peer)
    {
        peerMessages.add(new PeerMessage(peer.generation(), peer.from(), peer.tag(), peer.payloadBytes()));
    }

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
            sendIdle.idle();
        }
    }

    /**
     * Wait for the next message of this generation from a peer with a tag, taking other messages
     * meanwhile.
     */
    DirectBuffer awaitPeer(final long generation, final int from, final int tag)
    {
        peerMessages.removeIf(message -> message.generation() != generation);
        sendIdle.reset();
        while (true)
        {
            for (final Iterator<PeerMessage> it = peerMessages.iterator(); it.hasNext();)
            {
                final PeerMessage message = it.next();
                if (message.generation() == generation && message.from() == from && message.tag() == tag)
                {
                    it.remove();
                    return new UnsafeBuffer(message.payload());
                }
            }
            sendIdle.idle(inbox.read(this::onMessage, READ_LIMIT, clock.nanoTime()));
        }
    }

    void sendRequest(
        final long correlationId, final long taskId, final int attempt, final DirectBuffer payload, final int length)
    {
        sendIdle.reset();
        while (!sender.sendRequest(hubInbox, correlationId, taskId, attempt, spokeId, payload, 0, length))
        {
            sendIdle.idle();
        }
    }

    /**
     * Wait for the hub's reply, still taking other messages: tasks queue up, controls are obeyed.
     */
    DirectBuffer awaitReply(final long correlationId, final long taskId, final int attempt)
    {
        awaitedCorrelationId = correlationId;
        awaitedTaskId = taskId;
        awaitedAttempt = attempt;
        awaitedReply = null;
        sendIdle.reset();
        while (null == awaitedReply)
        {
            sendIdle.idle(inbox.read(this::onMessage, READ_LIMIT, clock.nanoTime()));
        }
        awaitedCorrelationId = RequestFlyweight.NO_REPLY;
        return awaitedReply;
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
        slot.currentTaskRelease(task.taskId);
        slot.stateRelease(SpokeState.BUSY);
        final int length = evaluator.evaluate(
            task.taskId, task.runId, task.closureId, task.attempt, task.flags, task.argument, 0, task.argumentLength);
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
     * one would delay it by however long the next task runs.
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
        while (!sender.sendStatus(hubInbox, taskId, attempt, spokeId, outcome, journalIndex, result, 0, length))
        {
            sendIdle.idle();
        }
    }
}

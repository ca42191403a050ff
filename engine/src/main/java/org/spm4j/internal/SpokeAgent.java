package org.spm4j.internal;

import java.util.ArrayDeque;
import java.util.Iterator;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.SpokeSlot;
import org.spm4j.shm.SpokeSlotDescriptor;
import org.spm4j.shm.SpokeState;
import org.spm4j.shm.mailbox.BatchFlyweight;
import org.spm4j.shm.mailbox.ControlFlyweight;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageSender;
import org.spm4j.shm.mailbox.MessageTypes;
import org.spm4j.shm.mailbox.StatusFlyweight;
import org.spm4j.shm.mailbox.TaskFlyweight;
import org.spm4j.shm.mailbox.TaskOutcome;

/**
 * A spoke's duty cycle: take messages from its inbox (queueing tasks, obeying controls), then run one
 * queued task and report its status to the hub. Queueing before running lets a CANCEL reach a task
 * that has not started.
 */
final class SpokeAgent implements Agent
{
    private static final int READ_LIMIT = 64;
    /** A status waits at most this long for others to travel with. */
    private static final long STATUS_BATCH_AGE_NS = 50_000;
    private static final UnsafeBuffer EMPTY = new UnsafeBuffer(new byte[0]);

    private final int spokeId;
    private final Inbox inbox;
    private final Inbox hubInbox;
    private final SpokeSlot slot;
    private final TaskEvaluator evaluator;
    private final NanoClock clock;
    private final IdleStrategy sendIdle;
    private final MessageSender sender = new MessageSender();
    private final TaskFlyweight taskMessage = new TaskFlyweight();
    private final ControlFlyweight control = new ControlFlyweight();
    private final ArrayDeque<QueuedTask> queue = new ArrayDeque<>();
    private final UnsafeBuffer argument = new UnsafeBuffer(EMPTY);
    private final UnsafeBuffer statusBuffer;
    private final BatchFlyweight statuses = new BatchFlyweight();
    private final StatusFlyweight status = new StatusFlyweight();
    private long oldestStatusNs;
    private boolean shutdownRequested;

    private record QueuedTask(long taskId, long runId, int closureId, int attempt, byte[] argument)
    {
    }

    SpokeAgent(
        final int spokeId,
        final Inbox inbox,
        final Inbox hubInbox,
        final SpokeSlot slot,
        final TaskEvaluator evaluator,
        final NanoClock clock,
        final IdleStrategy sendIdle)
    {
        this.spokeId = spokeId;
        this.inbox = inbox;
        this.hubInbox = hubInbox;
        this.slot = slot;
        this.evaluator = evaluator;
        this.clock = clock;
        this.sendIdle = sendIdle;
        this.statusBuffer = new UnsafeBuffer(new byte[hubInbox.maxMessageLength()]);
        statuses.wrapForWrite(statusBuffer, 0, hubInbox.maxMessageLength());
    }

    @Override
    public int doWork()
    {
        int work = inbox.read(this::onMessage, READ_LIMIT, clock.nanoTime());
        final QueuedTask task = queue.poll();
        if (null != task)
        {
            run(task);
            work++;
        }
        if (statuses.count() > 0 && (queue.isEmpty() || clock.nanoTime() - oldestStatusNs > STATUS_BATCH_AGE_NS))
        {
            flushStatuses();
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
                taskMessage.wrap(buffer, index, length);
                queue.add(new QueuedTask(taskMessage.taskId(), taskMessage.runId(), taskMessage.closureId(),
                    taskMessage.attempt(), taskMessage.payloadBytes()));
            }
            case MessageTypes.CONTROL -> onControl(control.wrap(buffer, index, length));
            case MessageTypes.BATCH -> BatchFlyweight.forEachElement(buffer, index, length, this::onMessage);
            default -> throw new ProtocolException("spoke " + spokeId + " received a " + MessageTypes.name(typeId) +
                " message it does not handle");
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
        for (final Iterator<QueuedTask> it = queue.iterator(); it.hasNext();)
        {
            final QueuedTask task = it.next();
            if (task.taskId() == taskId)
            {
                it.remove();
                sendStatus(taskId, task.attempt(), TaskOutcome.CANCELLED, StatusFlyweight.NO_JOURNAL_INDEX, EMPTY, 0);
            }
        }
    }

    private void run(final QueuedTask task)
    {
        slot.currentTaskRelease(task.taskId());
        slot.stateRelease(SpokeState.BUSY);
        argument.wrap(task.argument());
        final int length = evaluator.evaluate(
            task.taskId(), task.runId(), task.closureId(), task.attempt(), argument, 0, task.argument().length);
        if (TaskEvaluator.FAILED == length)
        {
            sendStatus(task.taskId(), task.attempt(), TaskOutcome.FAILED, evaluator.journalIndex(), EMPTY, 0);
        }
        else
        {
            sendStatus(task.taskId(), task.attempt(), TaskOutcome.OK, StatusFlyweight.NO_JOURNAL_INDEX,
                evaluator.result(), length);
        }
        slot.currentTaskRelease(SpokeSlotDescriptor.NO_TASK);
        slot.stateRelease(SpokeState.READY);
    }

    /**
     * Statuses of a burst of tasks travel back together; one that cannot share a record goes alone.
     */
    private void sendStatus(
        final long taskId,
        final int attempt,
        final TaskOutcome outcome,
        final long journalIndex,
        final DirectBuffer result,
        final int length)
    {
        final int elementLength = StatusFlyweight.HEADER_LENGTH + length;
        if (!statuses.hasRoomFor(elementLength))
        {
            flushStatuses();
            if (!statuses.hasRoomFor(elementLength))
            {
                sendIdle.reset();
                while (!sender.sendStatus(hubInbox, taskId, attempt, spokeId, outcome, journalIndex, result, 0, length))
                {
                    sendIdle.idle();
                }
                return;
            }
        }
        if (0 == statuses.count())
        {
            oldestStatusNs = clock.nanoTime();
        }
        status.wrapForWrite(statusBuffer, statuses.appendElement(MessageTypes.STATUS, elementLength), length)
            .taskId(taskId)
            .attempt(attempt)
            .spokeId(spokeId)
            .outcome(outcome)
            .journalIndex(journalIndex)
            .putPayload(result, 0, length);
    }

    private void flushStatuses()
    {
        final int length = statuses.encodedLength();
        sendIdle.reset();
        int index;
        while ((index = hubInbox.tryClaim(MessageTypes.BATCH, length)) < 0)
        {
            sendIdle.idle();
        }
        hubInbox.buffer().putBytes(index, statusBuffer, 0, length);
        hubInbox.commit(index);
        statuses.wrapForWrite(statusBuffer, 0, hubInbox.maxMessageLength());
    }
}

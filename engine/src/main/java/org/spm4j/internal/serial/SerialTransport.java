package org.spm4j.internal.serial;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.Codec;
import org.spm4j.internal.farm.FarmCore;
import org.spm4j.internal.farm.FarmTask;
import org.spm4j.internal.farm.Transport;
import org.spm4j.internal.task.LazyAppender;
import org.spm4j.internal.task.Messenger;
import org.spm4j.internal.task.TaskContext;
import org.spm4j.internal.task.TaskEvaluator;
import org.spm4j.internal.task.TaskMessenger;
import org.spm4j.shm.SpokeSlotDescriptor;
import org.spm4j.shm.ValueSegments;
import org.spm4j.shm.journal.ErrorJournal;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageLimits;
import org.spm4j.shm.mailbox.MessageTypes;
import org.spm4j.shm.mailbox.ReplyFlyweight;
import org.spm4j.shm.mailbox.TaskFlyweight;

/**
 * The one "spoke" of a serial pool: the calling thread. A task is evaluated as it is sent, by the same
 * {@link TaskEvaluator} a spoke uses; its status is held until the driver delivers it, and no further
 * task is taken until then. A deadline cannot interrupt the calling thread, so it is judged when the
 * task returns. The tasks of a crew are gathered until every rank has one, then run as a
 * {@link SerialCrew}. A result's segment goes as in a local pool: once decoded, or once its status is dropped.
 */
public final class SerialTransport implements Transport
{
    private static final long PID = ProcessHandle.current().pid();

    private final ArrayDeque<Status> statuses = new ArrayDeque<>();
    private final List<FarmTask> crewTasks = new ArrayList<>();
    private final EvaluatorFactory evaluators;
    private final Codec codec;
    private final TaskEvaluator evaluator;
    private final Supplier<ErrorJournal> journal;
    private final int inboxCapacity;
    private final ValueSegments segments;
    private FarmCore core;
    private DirectBuffer reply;

    /**
     * Makes the evaluator of a rank, its journal appender belonging to the thread that uses it.
     */
    @FunctionalInterface
    interface EvaluatorFactory
    {
        TaskEvaluator create(int spokeId, TaskMessenger messenger, LazyAppender journal);
    }

    /**
     * @param crash what ended the "spoke" while it ran the task (the JVM ran short of memory), null if nothing.
     */
    private record Status(FarmTask task, int attempt, byte[] result, long journalIndex, boolean overran, String crash)
    {
    }

    /**
     * @param inboxCapacity the pool's inbox capacity, which bounds messages as in a local pool.
     * @param segments      where results too large for a message are, as the hub deletes them.
     */
    SerialTransport(
        final EvaluatorFactory evaluators,
        final Codec codec,
        final Supplier<ErrorJournal> journal,
        final int inboxCapacity,
        final ValueSegments segments)
    {
        this.inboxCapacity = inboxCapacity;
        this.segments = segments;
        this.evaluators = evaluators;
        this.codec = codec;
        this.journal = journal;
        this.evaluator = evaluators.create(0, new SerialMessenger(codec, this, null, 0),
            LazyAppender.sharing(() -> journal.get().spokeJournal(0)));
    }

    @Override
    public int spokeCount()
    {
        return 1;
    }

    @Override
    public boolean isReady(final int spokeId)
    {
        return statuses.isEmpty();
    }

    @Override
    public boolean send(final int spokeId, final List<FarmTask> tasks, final long runId, final int flags)
    {
        if (0 != (flags & TaskFlyweight.MAY_MESSAGE_PEERS))
        {
            crewTasks.addAll(tasks);
            if (crewTasks.size() == core.options().crewSize())
            {
                runCrew(runId, flags);
            }
            return true;
        }
        tasks.forEach(task -> evaluate(evaluator, task, runId, flags));
        return true;
    }

    private void runCrew(final long runId, final int flags)
    {
        final SerialCrew crew = new SerialCrew(crewTasks.size());
        crew.run(rank ->
        {
            try (LazyAppender rankJournal = LazyAppender.sharing(() -> journal.get().spokeJournal(rank)))
            {
                final FarmTask task = crewTasks.get(rank);
                final SerialMessenger messenger = new SerialMessenger(codec, this, crew, rank);
                evaluate(evaluators.create(rank, messenger, rankJournal), task, runId, flags);
            }
        });
        crewTasks.clear();
    }

    int inboxCapacity()
    {
        return inboxCapacity;
    }

    void attach(final FarmCore core)
    {
        this.core = core;
    }

    /**
     * A task's request reaches the hub's handler at once, on this same thread.
     */
    DirectBuffer request(
        final long taskId, final int attempt, final long correlationId, final DirectBuffer payload, final int length)
    {
        reply = null;
        final Messenger task = TaskContext.suspend();
        try
        {
            core.onRequest(taskId, attempt, 0, correlationId, payload, 0, length);
        }
        finally
        {
            TaskContext.enter(task);
        }
        return reply;
    }

    @Override
    public void reply(
        final int spokeId,
        final long correlationId,
        final long taskId,
        final int attempt,
        final DirectBuffer reply,
        final int length)
    {
        MessageLimits.checkMessageLength(Inbox.spokeInboxName(spokeId), MessageTypes.REPLY,
            ReplyFlyweight.HEADER_LENGTH + length, inboxCapacity);
        final byte[] bytes = new byte[length];
        reply.getBytes(0, bytes);
        this.reply = new UnsafeBuffer(bytes);
    }

    private void evaluate(final TaskEvaluator evaluator, final FarmTask task, final long runId, final int flags)
    {
        final long startMs = System.currentTimeMillis();
        final UnsafeBuffer argument = new UnsafeBuffer(task.argument);
        final int length;
        try
        {
            length = evaluator.evaluate(
                task.id, runId, task.closureId, task.attempt, flags, argument, 0, task.argument.length);
        }
        catch (final VirtualMachineError ex)
        {
            // a spoke JVM dies of it and its task goes to the policy as SPOKE_CRASHED: the calling thread does the same
            addStatus(new Status(task, task.attempt, null, 0, false, "ran out of resources (" + ex + ")"));
            return;
        }
        final boolean overran = 0 != task.deadlineMs && System.currentTimeMillis() - startMs > task.deadlineMs;
        if (TaskEvaluator.FAILED == length)
        {
            addStatus(new Status(task, task.attempt, null, evaluator.journalIndex(), overran, null));
        }
        else
        {
            final byte[] result = new byte[length];
            evaluator.result().getBytes(0, result);
            addStatus(new Status(task, task.attempt, result, 0, overran, null));
        }
    }

    /**
     * Crew ranks finish on their own threads, one at a time.
     */
    private synchronized void addStatus(final Status status)
    {
        statuses.add(status);
    }

    /**
     * @param core the farm to hand held statuses to.
     * @return statuses delivered.
     */
    synchronized int deliver(final FarmCore core)
    {
        int delivered = 0;
        Status status;
        while (null != (status = statuses.poll()))
        {
            delivered++;
            if (null != status.crash())
            {
                segments.deleteSpokeSegments(status.task().spokeId);
                core.onSpokeLost(status.task().spokeId, PID, status.task().id, ErrorKind.SPOKE_CRASHED, status.crash());
            }
            else if (status.overran())
            {
                discardResult(status);
                core.onDeadlineExceeded(status.task(), PID);
            }
            else if (null == status.result())
            {
                core.onFailed(status.task().id, status.attempt(), status.journalIndex());
            }
            else
            {
                core.onCompleted(status.task().id, status.attempt(),
                    new UnsafeBuffer(status.result()), 0, status.result().length);
            }
        }
        return delivered;
    }

    @Override
    public String unavailable(final int spokeId)
    {
        return null;
    }

    /**
     * The calling thread delivers every status it holds before it stops driving, so none is ever lost.
     */
    @Override
    public boolean isIdle(final int spokeId)
    {
        return false;
    }

    @Override
    public long runningTask(final int spokeId)
    {
        return SpokeSlotDescriptor.NO_TASK;
    }

    @Override
    public void cancel(final int spokeId, final long taskId)
    {
    }

    @Override
    public long kill(final int spokeId)
    {
        return PID;
    }

    @Override
    public void restartAll()
    {
        statuses.forEach(this::discardResult);
        statuses.clear();
    }

    private void discardResult(final Status status)
    {
        if (null != status.result())
        {
            segments.discardResult(new UnsafeBuffer(status.result()), 0, status.result().length);
        }
    }
}

package org.spm4j.internal.farm;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.spm4j.ErrorPolicy;
import org.spm4j.ParallelException;
import org.spm4j.TaskFailure;
import org.spm4j.TaskStatus;
import org.spm4j.internal.closure.ClosureRegistry;
import org.spm4j.internal.codec.JournalArguments;
import org.spm4j.internal.journal.HubJournal;
import org.spm4j.shm.ValueSegments;
import org.spm4j.shm.counters.CounterTypes;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.mailbox.ElementPayloads;

/**
 * How a run's tasks end: futures completed, the status callback told, failures recorded and put to the
 * error policy, retries queued, and the run failed fast or ended by a hub callback that threw. Hub thread
 * only, except {@link #hasFailedFast()}.
 */
final class TaskOutcomes
{
    private final FarmOptions options;
    private final Transport transport;
    private final HubJournal journal;
    private final ClosureRegistry closures;
    private final ValueSegments segments;
    private final long runId;
    private final HubCounters counters;
    private final Deque<FarmTask> pending;
    private final InFlightTasks inFlight;
    private final List<TaskFailure> failures = new ArrayList<>();
    private volatile boolean failedFast;

    TaskOutcomes(
        final FarmOptions options,
        final Transport transport,
        final HubJournal journal,
        final ClosureRegistry closures,
        final ValueSegments segments,
        final long runId,
        final HubCounters counters,
        final Deque<FarmTask> pending,
        final InFlightTasks inFlight)
    {
        this.options = options;
        this.transport = transport;
        this.journal = journal;
        this.closures = closures;
        this.segments = segments;
        this.runId = runId;
        this.counters = counters;
        this.pending = pending;
        this.inFlight = inFlight;
    }

    boolean hasFailedFast()
    {
        return failedFast;
    }

    void completed(final FarmTask task, final Object value)
    {
        task.future.complete(value);
        notify(task, TaskStatus.State.COMPLETED);
    }

    /**
     * A failure of a farm's task (not a crew's), already recorded: the policy decides.
     */
    void failed(final FarmTask task, final TaskFailure failure)
    {
        switch (decision(task, failure))
        {
            case RETRY -> retry(task);
            case IGNORE -> ignore(task);
            case COLLECT -> fail(task, failure);
            case FAIL_FAST ->
            {
                fail(task, failure);
                failFast();
            }
        }
    }

    /**
     * @return what the policy decides, or COLLECT once the run has failed fast, or when the policy itself threw.
     */
    ErrorPolicy.Decision decision(final FarmTask task, final TaskFailure failure)
    {
        if (failedFast)
        {
            return ErrorPolicy.Decision.COLLECT;
        }
        try
        {
            final ErrorPolicy.Decision decision = options.errorPolicy().decide(failure);
            if (null == decision)
            {
                throw new IllegalStateException("error policy returned no decision for " + failure);
            }
            return decision;
        }
        catch (final RuntimeException | Error ex)
        {
            callbackFailed(task, ex);
            return ErrorPolicy.Decision.COLLECT;
        }
    }

    void retry(final FarmTask task)
    {
        counters.taskEvent(CounterTypes.TASKS_RETRIED, task.spokeId, 1);
        notify(task, TaskStatus.State.RETRYING);
        if (failedFast)
        {
            task.future.cancel(false);
            return;
        }
        task.avoidSpokeId = task.spokeId;
        task.spokeId = FarmTask.NO_SPOKE;
        task.attempt++;
        if (FarmTask.NO_SPOKE == task.pinnedSpokeId)
        {
            pending.addFirst(task);
        }
        else
        {
            pending.addLast(task);
        }
    }

    void ignore(final FarmTask task)
    {
        task.future.complete(null);
        notify(task, TaskStatus.State.FAILED);
    }

    void fail(final FarmTask task, final TaskFailure failure)
    {
        failures.add(failure);
        task.future.completeExceptionally(new ParallelException("task " + task.id + " failed", List.of(failure)));
        notify(task, TaskStatus.State.FAILED);
    }

    /**
     * Every task of a crew fails with the crew's one failure, and the run fails fast.
     */
    void failCrew(final List<FarmTask> ranks, final TaskFailure crewFailure)
    {
        failures.add(crewFailure);
        failedFast = true;
        for (final FarmTask rank : ranks)
        {
            rank.future.completeExceptionally(
                new ParallelException(options.kind() + " run " + runId + " failed", List.of(crewFailure)));
            notify(rank, TaskStatus.State.FAILED);
        }
    }

    /**
     * Tasks that lost their spoke through no fault of their own run again as they were, in their order, ahead
     * of the rest, unless the run has already failed fast.
     *
     * @param tasks in the order they were submitted.
     */
    void requeue(final List<FarmTask> tasks)
    {
        for (int i = tasks.size() - 1; i >= 0; i--)
        {
            requeue(tasks.get(i));
        }
    }

    private void requeue(final FarmTask task)
    {
        if (failedFast)
        {
            cancel(task);
        }
        else
        {
            pending.addFirst(task);
        }
    }

    void cancel(final FarmTask task)
    {
        task.future.cancel(false);
        notify(task, TaskStatus.State.CANCELLED);
    }

    /**
     * Tasks not sent yet are cancelled at once; spokes are asked to drop the tasks they have not started.
     */
    void cancelAll()
    {
        // polled, not iterated: a status callback that throws here ends the run, which empties the queue
        FarmTask task;
        while (null != (task = pending.pollFirst()))
        {
            cancel(task);
        }
        for (final FarmTask sent : inFlight.all())
        {
            transport.cancel(sent.spokeId, sent.id);
        }
    }

    /**
     * @return failures the policy kept (fail-fast or collect), in the order seen; cleared.
     */
    List<TaskFailure> takeFailures()
    {
        final List<TaskFailure> taken = List.copyOf(failures);
        failures.clear();
        return taken;
    }

    /**
     * @return the failure a spoke recorded for this attempt of the task at that index.
     */
    TaskFailure journalFailure(final long journalIndex, final FarmTask task)
    {
        return journal.failureAt(journalIndex, task.id, task.attempt, task.spokeId);
    }

    /**
     * Write the hub's record of a task's failure, with what a replay needs: its argument read from its segment if
     * it was spilled, which is still there, the task not having ended.
     */
    TaskFailure record(
        final ErrorKind kind, final FarmTask task, final int spokeId, final long pid, final Throwable cause)
    {
        final byte[] argument = JournalArguments.keep(segments, task.argument, journal.maxRecordLength());
        return journal.append(kind, task.id, task.attempt, closures.name(task.closureId), spokeId, pid, cause, runId,
            argument, closures.bytes(task.closureId));
    }

    void notify(final FarmTask task, final TaskStatus.State state)
    {
        if (null != task.chunk)
        {
            for (int element = task.chunk.reported(); element < task.chunk.count(); element++)
            {
                notifyElement(task, element, state);
            }
            return;
        }
        try
        {
            options.statusCallback().accept(new TaskStatus(task.id, task.attempt, task.spokeId, state));
        }
        catch (final RuntimeException | Error ex)
        {
            callbackFailed(task, ex);
        }
    }

    /**
     * Tell the status callback, if there is one, of an element of a chunk.
     */
    void notifyElement(final FarmTask chunkTask, final int element, final TaskStatus.State state)
    {
        if (null == options.onStatus())
        {
            return;
        }
        try
        {
            options.onStatus().accept(new TaskStatus(ElementPayloads.firstElementId(chunkTask.id) + element,
                chunkTask.attempt, chunkTask.spokeId, state));
        }
        catch (final RuntimeException | Error ex)
        {
            callbackFailed(Chunk.detachedElement(chunkTask, element), ex);
        }
    }

    /**
     * A hub callback (status callback, error policy or request handler) threw: the run ends with a
     * HUB_CALLBACK_FAILED failure, the spokes are restarted, and every task still pending or in flight is
     * cancelled.
     */
    void callbackFailed(final FarmTask task, final Throwable ex)
    {
        failures.add(record(ErrorKind.HUB_CALLBACK_FAILED, task, FarmTask.NO_SPOKE, ProcessHandle.current().pid(),
            ex));
        failedFast = true;
        FarmTask pendingTask;
        while (null != (pendingTask = pending.pollFirst()))
        {
            pendingTask.future.cancel(false);
        }
        final List<FarmTask> abandoned = inFlight.takeAll();
        transport.restartAll();
        abandoned.forEach(abandonedTask -> abandonedTask.future.cancel(false));
    }

    /**
     * The pool can run no more tasks: every pending and in-flight future completes with {@code cause}.
     */
    void abandonAll(final RuntimeException cause)
    {
        failedFast = true;
        FarmTask task;
        while (null != (task = pending.pollFirst()))
        {
            task.future.completeExceptionally(cause);
        }
        inFlight.takeAll().forEach(sent -> sent.future.completeExceptionally(cause));
    }

    private void failFast()
    {
        failedFast = true;
        cancelAll();
    }
}

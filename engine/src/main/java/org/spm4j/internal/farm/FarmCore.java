package org.spm4j.internal.farm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Hashing;
import org.agrona.collections.Long2ObjectHashMap;
import org.spm4j.Codec;
import org.spm4j.ErrorPolicy;
import org.spm4j.ParallelException;
import org.spm4j.Request;
import org.spm4j.TaskFailure;
import org.spm4j.TaskStatus;
import org.spm4j.internal.closure.ClosureRegistry;
import org.spm4j.internal.journal.HubJournal;
import org.spm4j.shm.SpokeSlotDescriptor;
import org.spm4j.shm.counters.CounterTypes;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.mailbox.BatchFlyweight;
import org.spm4j.shm.mailbox.RequestFlyweight;
import org.spm4j.shm.mailbox.TaskFlyweight;

/**
 * The state machine of one task farm run: queues tasks, balances them over spokes within a window,
 * takes their statuses, and applies the error policy to failures. The same code drives a serial and a
 * local pool. Hub thread only; futures complete on it.
 */
public final class FarmCore
{
    private final FarmOptions options;
    private final Transport transport;
    private final HubJournal journal;
    private final Codec codec;
    private final ClosureRegistry closures;
    private final long runId;
    private final Consumer<TaskStatus> onStatus;
    private final ArrayDeque<FarmTask> pending = new ArrayDeque<>();
    // keyed by primitive task id: no boxed Long and no map node per task on the hub's hot path
    private final Long2ObjectHashMap<FarmTask> inFlight =
        new Long2ObjectHashMap<>(64, Hashing.DEFAULT_LOAD_FACTOR, false);
    private final int[] inFlightPerSpoke;
    private final int maxMessageLength;
    private final long[] runningTask;
    private final long[] runningSinceMs;
    private final HubCounters counters;
    private final List<FarmTask> crewRanks = new ArrayList<>();
    private final Map<FarmTask, Object> rankResults = new HashMap<>();
    private final ExpandableArrayBuffer replyBuffer = new ExpandableArrayBuffer(256);
    private final List<TaskFailure> failures = new ArrayList<>();
    private int nextSpoke;
    private volatile boolean failedFast;

    public FarmCore(
        final FarmOptions options,
        final Transport transport,
        final HubJournal journal,
        final Codec codec,
        final ClosureRegistry closures,
        final long runId,
        final int maxMessageLength,
        final HubCounters counters)
    {
        this.counters = counters;
        this.options = options;
        this.transport = transport;
        this.journal = journal;
        this.codec = codec;
        this.closures = closures;
        this.runId = runId;
        this.maxMessageLength = maxMessageLength;
        this.onStatus = options.statusCallback();
        final int spokes = options.isCrew() ? options.crewSize() : transport.spokeCount();
        this.inFlightPerSpoke = new int[spokes];
        this.runningTask = new long[spokes];
        this.runningSinceMs = new long[spokes];
        Arrays.fill(runningTask, SpokeSlotDescriptor.NO_TASK);
    }

    public void submit(final FarmTask task)
    {
        if (failedFast)
        {
            task.future.cancel(false);
            return;
        }
        task.deadlineMs = null == options.deadline() ? TaskFlyweight.NO_DEADLINE : options.deadline().toMillis();
        if (options.isCrew())
        {
            crewRanks.add(task);
        }
        pending.addLast(task);
    }

    /**
     * @param nowMs current epoch time, for deadlines.
     * @return work done.
     */
    public int doWork(final long nowMs)
    {
        return dispatch() + expireDeadlines(nowMs);
    }

    public void onCompleted(
        final long taskId, final int attempt, final DirectBuffer result, final int offset, final int length)
    {
        final FarmTask task = current(taskId, attempt);
        if (null == task)
        {
            return;
        }
        land(task);
        final Object value;
        try
        {
            value = codec.decode(result, offset, length);
        }
        catch (final RuntimeException | LinkageError ex)
        {
            onFailure(task, record(ErrorKind.PROTOCOL_VIOLATION, task, task.spokeId, 0,
                new IllegalArgumentException("result of task " + task.id + " cannot be decoded on the hub: " +
                    ex.getMessage(), ex)));
            return;
        }
        counters.taskEvent(CounterTypes.TASKS_COMPLETED, task.spokeId, 1);
        if (options.isCrew())
        {
            onRankCompleted(task, value);
            return;
        }
        task.future.complete(value);
        notify(task, TaskStatus.State.COMPLETED);
    }

    public void onFailed(final long taskId, final int attempt, final long journalIndex)
    {
        final FarmTask task = current(taskId, attempt);
        if (null != task)
        {
            land(task);
            TaskFailure failure;
            try
            {
                failure = journal.failureAt(journalIndex, taskId, attempt, task.spokeId);
            }
            catch (final RuntimeException ex)
            {
                failure = record(ErrorKind.PROTOCOL_VIOLATION, task, task.spokeId, 0, new IllegalStateException(
                    "the journal record of task " + taskId + " at index " + journalIndex + " cannot be read: " + ex,
                    ex));
            }
            onFailure(task, failure);
        }
    }

    public void onCancelled(final long taskId, final int attempt)
    {
        final FarmTask task = current(taskId, attempt);
        if (null != task)
        {
            land(task);
            cancel(task);
        }
    }

    /**
     * A spoke died, or was killed for misbehaving. The task it was running fails with SPOKE_CRASHED; tasks
     * waiting in its queue never started, so they are queued again as they were.
     *
     * @param how what happened to it, e.g. "died".
     */
    public void onSpokeLost(final int spokeId, final long pid, final long runningTaskId, final String how)
    {
        for (final FarmTask task : tasksOn(spokeId))
        {
            land(task);
            if (task.id != runningTaskId && !options.isCrew())
            {
                requeue(task);
                continue;
            }
            onFailure(task, record(ErrorKind.SPOKE_CRASHED, task, spokeId, pid,
                new IllegalStateException("spoke " + spokeId + " (pid " + pid + ") " + how + " while running task " +
                    task.id)));
        }
    }

    /**
     * A task ran past its deadline: it fails with DEADLINE_EXCEEDED; other tasks on its spoke, innocent,
     * are queued again as they were.
     */
    public void onDeadlineExceeded(final FarmTask task, final long pid)
    {
        final int spokeId = task.spokeId;
        for (final FarmTask other : tasksOn(spokeId))
        {
            land(other);
            if (other != task)
            {
                requeue(other);
            }
        }
        onFailure(task, record(ErrorKind.DEADLINE_EXCEEDED, task, spokeId, pid,
            new TimeoutException("task " + task.id + " exceeded its deadline of " +
                options.deadline().toMillis() + " ms on spoke " + spokeId)));
    }

    /**
     * A task asked (or told) the hub: the handler answers on this thread. A request from an attempt that
     * has ended or been retried is dropped unanswered.
     */
    public void onRequest(
        final long taskId,
        final int attempt,
        final int spokeId,
        final long correlationId,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
        final FarmTask task = current(taskId, attempt);
        if (null == task || task.spokeId != spokeId || null == options.requestHandler())
        {
            return;
        }
        try
        {
            final boolean expectsReply = RequestFlyweight.NO_REPLY != correlationId;
            final Object reply = options.requestHandler().onRequest(
                new Request(taskId, attempt, spokeId, codec.decode(payload, offset, length), expectsReply));
            if (expectsReply)
            {
                final int replyLength = codec.encode(reply, replyBuffer, 0);
                transport.reply(spokeId, correlationId, taskId, attempt, replyBuffer, replyLength);
            }
        }
        catch (final RuntimeException | Error ex)
        {
            onCallbackFailure(task, ex);
        }
    }

    void cancelAll()
    {
        for (final FarmTask task : pending)
        {
            cancel(task);
        }
        pending.clear();
        for (final FarmTask task : inFlight.values())
        {
            transport.cancel(task.spokeId, task.id);
        }
    }

    public boolean isQuiescent()
    {
        return pending.isEmpty() && inFlight.isEmpty();
    }

    /**
     * @return the options the run came online with.
     */
    public FarmOptions options()
    {
        return options;
    }

    /**
     * @return true once the run has failed fast; safe from any thread.
     */
    boolean hasFailedFast()
    {
        return failedFast;
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

    private int dispatch()
    {
        int sent = 0;
        while (!pending.isEmpty())
        {
            final FarmTask first = pending.peekFirst();
            final int spokeId = FarmTask.NO_SPOKE == first.pinnedSpokeId ?
                chooseSpoke(first.avoidSpokeId) : pinnedSpokeIfFree(first.pinnedSpokeId);
            if (FarmTask.NO_SPOKE == spokeId)
            {
                break;
            }
            final List<FarmTask> batch = takeBatchFor(spokeId);
            for (final FarmTask task : batch)
            {
                task.spokeId = spokeId;
                inFlight.put(task.id, task);
            }
            inFlightPerSpoke[spokeId] += batch.size();
            if (!transport.send(spokeId, batch, runId, options.messageFlags()))
            {
                for (int i = batch.size() - 1; i >= 0; i--)
                {
                    land(batch.get(i));
                    pending.addFirst(batch.get(i));
                }
                break;
            }
            counters.taskEvent(CounterTypes.TASKS_SUBMITTED, spokeId, batch.size());
            sent += batch.size();
        }
        return sent;
    }

    /**
     * As many pending tasks as the spoke's window and one message allow, in order; a retry that must avoid
     * this spoke ends the batch.
     */
    private List<FarmTask> takeBatchFor(final int spokeId)
    {
        final int fairShare = (pending.size() + inFlightPerSpoke.length - 1) / inFlightPerSpoke.length;
        final int room = Math.min(options.window() - inFlightPerSpoke[spokeId], fairShare);
        // sized once: a wide window's batch would otherwise grow and copy its array many times
        final List<FarmTask> batch = new ArrayList<>(Math.max(1, room));
        int length = BatchFlyweight.HEADER_LENGTH;
        while (!pending.isEmpty() && batch.size() < room)
        {
            final FarmTask next = pending.peekFirst();
            length += BatchFlyweight.elementSpace(next.messageLength());
            if (!batch.isEmpty() &&
                (length > maxMessageLength || next.avoidSpokeId == spokeId || FarmTask.NO_SPOKE != next.pinnedSpokeId))
            {
                break;
            }
            batch.add(pending.pollFirst());
        }
        return batch;
    }

    private int pinnedSpokeIfFree(final int spokeId)
    {
        return 0 == inFlightPerSpoke[spokeId] && transport.isReady(spokeId) ? spokeId : FarmTask.NO_SPOKE;
    }

    private int chooseSpoke(final int avoid)
    {
        int fallback = FarmTask.NO_SPOKE;
        final int spokes = inFlightPerSpoke.length;
        for (int i = 0; i < spokes; i++)
        {
            final int spokeId = (nextSpoke + i) % spokes;
            if (inFlightPerSpoke[spokeId] < options.window() && transport.isReady(spokeId))
            {
                if (spokeId != avoid || 1 == spokes)
                {
                    nextSpoke = (spokeId + 1) % spokes;
                    return spokeId;
                }
                fallback = spokeId;
            }
        }
        return allOthersBusy(avoid) ? fallback : FarmTask.NO_SPOKE;
    }

    /**
     * A retry waits for another spoke unless every other spoke is gone.
     */
    private boolean allOthersBusy(final int avoid)
    {
        for (int spokeId = 0; spokeId < inFlightPerSpoke.length; spokeId++)
        {
            if (spokeId != avoid && transport.isReady(spokeId))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * A deadline bounds a task's running time, not its wait in a spoke's queue: the clock starts when
     * the hub first sees the spoke running it.
     */
    private int expireDeadlines(final long nowMs)
    {
        if (null == options.deadline())
        {
            return 0;
        }
        for (int spokeId = 0; spokeId < runningTask.length; spokeId++)
        {
            final long taskId = transport.runningTask(spokeId);
            if (taskId != runningTask[spokeId])
            {
                runningTask[spokeId] = taskId;
                runningSinceMs[spokeId] = nowMs;
            }
            else if (nowMs - runningSinceMs[spokeId] > options.deadline().toMillis())
            {
                final FarmTask task = inFlight.get(taskId);
                if (null != task && task.spokeId == spokeId)
                {
                    runningTask[spokeId] = SpokeSlotDescriptor.NO_TASK;
                    onDeadlineExceeded(task, transport.kill(spokeId));
                    return 1;
                }
            }
        }
        return 0;
    }

    private void onFailure(final FarmTask task, final TaskFailure failure)
    {
        counters.taskEvent(CounterTypes.TASKS_FAILED, task.spokeId, 1);
        counters.journalRecord();
        if (options.isCrew())
        {
            onCrewFailure(task, failure);
            return;
        }
        final ErrorPolicy.Decision decision = failedFast ? ErrorPolicy.Decision.COLLECT : decide(task, failure);
        switch (decision)
        {
            case RETRY -> retry(task);
            case IGNORE ->
            {
                task.future.complete(null);
                notify(task, TaskStatus.State.FAILED);
            }
            case COLLECT -> fail(task, failure);
            case FAIL_FAST ->
            {
                fail(task, failure);
                failFast();
            }
            default -> throw new IllegalStateException("unknown decision " + decision);
        }
    }

    /**
     * A crew succeeds as one unit: its ranks' results are handed out only when every rank has one, so a
     * failure of a later rank can still rerun them all.
     */
    private void onRankCompleted(final FarmTask task, final Object value)
    {
        rankResults.put(task, value);
        if (rankResults.size() == crewRanks.size())
        {
            for (final FarmTask rank : crewRanks)
            {
                rank.future.complete(rankResults.get(rank));
                notify(rank, TaskStatus.State.COMPLETED);
            }
            crewRanks.clear();
            rankResults.clear();
        }
    }

    /**
     * A crew is one unit: the first failure of any rank stops every rank (their spokes are relaunched),
     * one CREW_FAILED record names it, and the policy decides for the whole crew.
     */
    private void onCrewFailure(final FarmTask failed, final TaskFailure failure)
    {
        for (final FarmTask rank : new ArrayList<>(inFlight.values()))
        {
            land(rank);
        }
        pending.clear();
        final List<FarmTask> ranks = new ArrayList<>(crewRanks);
        crewRanks.clear();
        rankResults.clear();
        transport.restartAll();

        final TaskFailure crewFailure = record(ErrorKind.CREW_FAILED, failed, failed.spokeId, failure.pid(),
            new CrewFailedException("rank " + failed.pinnedSpokeId + " of " + options.kind() + " run " + runId +
                " failed, so the crew stopped: " + failure.kind() + " " + failure.remoteClass() +
                (null == failure.remoteMessage() ? "" : ": " + failure.remoteMessage()), failure.exception()));
        switch (failedFast ? ErrorPolicy.Decision.COLLECT : decide(failed, crewFailure))
        {
            case RETRY -> ranks.forEach(rank ->
            {
                crewRanks.add(rank);
                retry(rank);
            });
            case IGNORE -> ranks.forEach(rank ->
            {
                rank.future.complete(null);
                notify(rank, TaskStatus.State.FAILED);
            });
            default ->
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
        }
    }

    private ErrorPolicy.Decision decide(final FarmTask task, final TaskFailure failure)
    {
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
            onCallbackFailure(task, ex);
            return ErrorPolicy.Decision.COLLECT;
        }
    }

    private void retry(final FarmTask task)
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

    private void fail(final FarmTask task, final TaskFailure failure)
    {
        failures.add(failure);
        task.future.completeExceptionally(new ParallelException("task " + task.id + " failed", List.of(failure)));
        notify(task, TaskStatus.State.FAILED);
    }

    private void failFast()
    {
        failedFast = true;
        cancelAll();
    }

    private void cancel(final FarmTask task)
    {
        task.future.cancel(false);
        notify(task, TaskStatus.State.CANCELLED);
    }

    private void notify(final FarmTask task, final TaskStatus.State state)
    {
        try
        {
            onStatus.accept(new TaskStatus(task.id, task.attempt, task.spokeId, state));
        }
        catch (final RuntimeException | Error ex)
        {
            onCallbackFailure(task, ex);
        }
    }

    /**
     * A hub callback (status callback or error policy) threw: the run ends with a HUB_CALLBACK_FAILED
     * failure, the spokes are restarted, and every task still pending or in flight is cancelled.
     */
    private void onCallbackFailure(final FarmTask task, final Throwable ex)
    {
        failures.add(record(ErrorKind.HUB_CALLBACK_FAILED, task, FarmTask.NO_SPOKE, ProcessHandle.current().pid(),
            ex));
        failedFast = true;
        for (final FarmTask pendingTask : pending)
        {
            pendingTask.future.cancel(false);
        }
        pending.clear();
        final List<FarmTask> abandoned = new ArrayList<>(inFlight.values());
        inFlight.clear();
        Arrays.fill(inFlightPerSpoke, 0);
        transport.restartAll();
        abandoned.forEach(abandonedTask -> abandonedTask.future.cancel(false));
    }

    /**
     * Write the hub's record of a task's failure, with what a replay needs.
     */
    private TaskFailure record(
        final ErrorKind kind, final FarmTask task, final int spokeId, final long pid, final Throwable cause)
    {
        return journal.append(kind, task.id, task.attempt, closures.name(task.closureId), spokeId, pid, cause, runId,
            task.argument, closures.bytes(task.closureId));
    }

    private FarmTask current(final long taskId, final int attempt)
    {
        final FarmTask task = inFlight.get(taskId);
        return null != task && task.attempt == attempt ? task : null;
    }

    private void land(final FarmTask task)
    {
        if (null != inFlight.remove(task.id))
        {
            inFlightPerSpoke[task.spokeId]--;
        }
    }

    /**
     * @return the spoke's tasks in the order they were submitted.
     */
    private List<FarmTask> tasksOn(final int spokeId)
    {
        final List<FarmTask> tasks = new ArrayList<>();
        for (final FarmTask task : inFlight.values())
        {
            if (task.spokeId == spokeId)
            {
                tasks.add(task);
            }
        }
        tasks.sort(Comparator.comparingLong(task -> task.id));
        return tasks;
    }

    /**
     * A task that lost its spoke through no fault of its own runs again as it was, unless the run has
     * already failed fast.
     */
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
}

package org.spm4j.internal.farm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.agrona.DirectBuffer;
import org.spm4j.TaskFailure;
import org.spm4j.internal.closure.ClosureRegistry;
import org.spm4j.internal.codec.LargeValues;
import org.spm4j.internal.journal.HubJournal;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.counters.CounterTypes;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.mailbox.RequestFlyweight;
import org.spm4j.shm.mailbox.TaskFlyweight;

/**
 * The state machine of one manager run on the hub: queues tasks, sends them to spokes in batches (spokes
 * chosen by a {@link SpokeBalancer}), takes their statuses, and hands how each task ends to its
 * {@link TaskOutcomes} (and a crew's to its {@link CrewRun}). The same code drives a serial and a local pool;
 * its inputs are {@link #doWork(long)} with the hub's clock and the events the hub reads. A result's segment goes
 * once the result is decoded, or once its status is found stale. Hub thread only; futures complete on it.
 */
public final class FarmCore
{
    private final FarmOptions options;
    private final Transport transport;
    private final LargeValues values;
    private final long runId;
    private final HubCounters counters;
    private final ArrayDeque<FarmTask> pending = new ArrayDeque<>();
    private final InFlightTasks inFlight;
    private final AdaptiveWindow window;
    private final SpokeBalancer balancer;
    private final DeadlineWatch deadlines;
    private final LostStatusWatch lostStatuses;
    private final TaskOutcomes outcomes;
    private final CrewRun crew;
    private final RequestAnswerer requests;
    private final ChunkSizer chunkSizer;
    private final ChunkStatuses chunks;

    /**
     * @param options          what the run came online with.
     * @param transport        how tasks reach spokes.
     * @param journal          where failures are recorded.
     * @param values           how results and requests become values.
     * @param closures         the pool's closures, for records.
     * @param runId            the run.
     * @param maxMessageLength the most bytes one message to a spoke may take.
     * @param counters         counters to keep.
     */
    public FarmCore(
        final FarmOptions options,
        final Transport transport,
        final HubJournal journal,
        final LargeValues values,
        final ClosureRegistry closures,
        final long runId,
        final int maxMessageLength,
        final HubCounters counters)
    {
        this.options = options;
        this.transport = transport;
        this.values = values;
        this.runId = runId;
        this.counters = counters;
        inFlight = new InFlightTasks(options.isCrew() ? options.crewSize() : transport.spokeCount());
        window = new AdaptiveWindow(options.window());
        balancer = new SpokeBalancer(transport, inFlight, window, maxMessageLength);
        deadlines = null == options.deadline() ? null :
            new DeadlineWatch(transport, inFlight, options.deadline().toMillis());
        lostStatuses = new LostStatusWatch(transport, inFlight);
        outcomes = new TaskOutcomes(options, transport, journal, closures, values.segments(), runId, counters,
            pending, inFlight);
        requests = new RequestAnswerer(options.requestHandler(), values.codec(), transport, outcomes);
        chunkSizer = new ChunkSizer(options.chunkSize());
        chunks = new ChunkStatuses(values, outcomes, inFlight, counters, chunkSizer, this::onFailure);
        crew = options.isCrew() ? new CrewRun(options.kind() + " run " + runId, transport, outcomes, pending,
            inFlight) : null;
    }

    /**
     * @param task a new task, queued behind the others; cancelled at once if the run has failed fast.
     */
    public void submit(final FarmTask task)
    {
        if (outcomes.hasFailedFast())
        {
            task.future.cancel(false);
            return;
        }
        task.deadlineMs = null == options.deadline() ? TaskFlyweight.NO_DEADLINE : options.deadline().toMillis();
        if (null != crew)
        {
            crew.add(task);
        }
        pending.addLast(task);
    }

    /**
     * @param nowMs the hub's clock, for deadlines.
     * @return work done.
     */
    public int doWork(final long nowMs)
    {
        window.tick(nowMs, inFlight.spokeCount(), !inFlight.isEmpty());
        return dispatch() + expireDeadlines(nowMs) + failLostTasks(nowMs);
    }

    /**
     * A status must come from the spoke its attempt was sent to: one that names an attempt in flight on another
     * spoke was forged, mangled, or sent by a spoke the task has left, and must not end the attempt. The attempt's
     * own spoke still reports it, or is caught by its death, its heartbeat or the lost-status rule.
     *
     * @param taskId  the task the status names.
     * @param attempt the attempt it names.
     * @param spokeId the spoke it names as its sender.
     * @return false if that attempt is in flight on another spoke.
     */
    public boolean isFromItsSpoke(final long taskId, final int attempt, final int spokeId)
    {
        final FarmTask task = inFlight.current(taskId, attempt);
        return null == task || task.spokeId == spokeId;
    }

    /**
     * A task's attempt completed with an encoded result; a stale attempt or unknown task is ignored, but for the
     * segment its result may have.
     *
     * @param taskId  the task.
     * @param attempt the attempt.
     * @param result  buffer holding the encoded result.
     * @param offset  where it starts.
     * @param length  its length.
     */
    public void onCompleted(
        final long taskId, final int attempt, final DirectBuffer result, final int offset, final int length)
    {
        final FarmTask task = single(inFlight.current(taskId, attempt));
        if (null == task)
        {
            values.segments().discardResult(result, offset, length);
            return;
        }
        final Object value;
        try
        {
            value = values.take(result, offset, length);
        }
        catch (final RuntimeException | LinkageError ex)
        {
            inFlight.land(task);
            onFailure(task, outcomes.record(ErrorKind.PROTOCOL_VIOLATION, task, task.spokeId, 0,
                new IllegalArgumentException("result of task " + task.id + " cannot be decoded on the hub: " +
                    ex.getMessage(), ex)));
            return;
        }
        // landed only once decoded: an Error in the user's codec leaves it in flight, for the hub's failure to end
        inFlight.land(task);
        window.ended(1);
        counters.taskEvent(CounterTypes.TASKS_COMPLETED, task.spokeId, 1);
        if (null != crew)
        {
            crew.completed(task, value);
            return;
        }
        outcomes.completed(task, value);
    }

    /**
     * A task's attempt failed on its spoke, which recorded why in the journal.
     *
     * @param taskId       the task.
     * @param attempt      the attempt.
     * @param journalIndex where its record is.
     */
    public void onFailed(final long taskId, final int attempt, final long journalIndex)
    {
        final FarmTask task = single(inFlight.current(taskId, attempt));
        if (null != task)
        {
            inFlight.land(task);
            window.ended(1);
            TaskFailure failure;
            try
            {
                failure = outcomes.journalFailure(journalIndex, task);
            }
            catch (final RuntimeException ex)
            {
                failure = outcomes.record(ErrorKind.PROTOCOL_VIOLATION, task, task.spokeId, 0,
                    new IllegalStateException("the journal record of task " + taskId + " at index " + journalIndex +
                    " cannot be read: " + ex, ex));
            }
            onFailure(task, failure);
        }
    }

    /**
     * A part of a chunk's outcomes came; a stale attempt or unknown chunk is ignored, but for the segments its
     * results may have.
     *
     * @param chunkId      the chunk.
     * @param attempt      the attempt.
     * @param firstElement the index of the part's first element.
     * @param entries      buffer holding the part's entries.
     * @param offset       where they start.
     * @param length       their length.
     * @throws ProtocolException if the part is not the next of a chunk, or is malformed.
     */
    public void onChunkPart(
        final long chunkId,
        final int attempt,
        final long firstElement,
        final DirectBuffer entries,
        final int offset,
        final int length)
    {
        final FarmTask task = inFlight.current(chunkId, attempt);
        if (null == task)
        {
            values.segments().discardResults(entries, offset, length);
            return;
        }
        if (null == task.chunk || firstElement < 0 || firstElement > Integer.MAX_VALUE)
        {
            throw new ProtocolException("a chunk status names task " + chunkId + ", not a chunk, or element " +
                firstElement);
        }
        chunks.onPart(task, (int)firstElement, entries, offset, length);
    }

    /**
     * A spoke dropped a task it had not started, as asked.
     *
     * @param taskId  the task.
     * @param attempt the attempt.
     */
    public void onCancelled(final long taskId, final int attempt)
    {
        final FarmTask task = inFlight.current(taskId, attempt);
        if (null != task)
        {
            inFlight.land(task);
            outcomes.cancel(task);
        }
    }

    /**
     * A spoke died, or was killed for misbehaving. The task it was running fails with {@code kind}; tasks
     * waiting in its queue never started, so they are queued again as they were (a crew's fail as one).
     *
     * @param spokeId       the spoke.
     * @param pid           its process id.
     * @param runningTaskId the task its slot said it was running.
     * @param kind          {@link ErrorKind#SPOKE_CRASHED}, or {@link ErrorKind#SPOKE_UNRESPONSIVE} for a spoke
     *                      killed for missing its heartbeat.
     * @param how           what happened to it, e.g. "died (exited with status 3)".
     */
    public void onSpokeLost(
        final int spokeId, final long pid, final long runningTaskId, final ErrorKind kind, final String how)
    {
        final List<FarmTask> innocent = new ArrayList<>();
        for (final FarmTask task : inFlight.on(spokeId))
        {
            inFlight.land(task);
            final Function<FarmTask, TaskFailure> failure = running -> outcomes.record(kind, running, spokeId, pid,
                new IllegalStateException("spoke " + spokeId + " (pid " + pid + ") " + how + " while running task " +
                running.id));
            if (null != task.chunk)
            {
                chunks.onSpokeLost(task, runningTaskId, innocent, failure);
            }
            else if (task.id != runningTaskId && null == crew)
            {
                innocent.add(task);
            }
            else
            {
                onFailure(task, failure.apply(task));
            }
        }
        outcomes.requeue(innocent);
    }

    /**
     * A task ran past its deadline: it fails with DEADLINE_EXCEEDED; other tasks on its spoke, innocent,
     * are queued again as they were.
     *
     * @param task the task.
     * @param pid  the process that ran it, now killed.
     */
    public void onDeadlineExceeded(final FarmTask task, final long pid)
    {
        final int spokeId = task.spokeId;
        final List<FarmTask> innocent = inFlight.on(spokeId);
        innocent.forEach(inFlight::land);
        innocent.remove(task);
        outcomes.requeue(innocent);
        onFailure(task, outcomes.record(ErrorKind.DEADLINE_EXCEEDED, task, spokeId, pid,
            new TimeoutException("task " + task.id + " exceeded its deadline of " +
                options.deadline().toMillis() + " ms on spoke " + spokeId)));
    }

    /**
     * A task asked (or told) the hub: the handler answers on this thread. A request from an attempt that
     * has ended or been retried is dropped unanswered.
     *
     * @param taskId        the asking task.
     * @param attempt       its attempt.
     * @param spokeId       the spoke it runs on.
     * @param correlationId what the reply answers, {@link RequestFlyweight#NO_REPLY} for a tell.
     * @param payload       buffer holding the encoded request.
     * @param offset        where it starts.
     * @param length        its length.
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
        final FarmTask task = inFlight.current(taskId, attempt);
        if (null != task && task.spokeId == spokeId)
        {
            requests.answer(task, correlationId, payload, offset, length);
        }
    }

    /**
     * Cancel every task not sent yet, and ask spokes to drop those they have not started.
     */
    public void cancelAll()
    {
        outcomes.cancelAll();
    }

    /**
     * The pool can run no more tasks (its hub failed, or it is closing): every task not yet ended, a crew's
     * finished ranks included, completes with {@code cause}; later submits are cancelled.
     *
     * @param cause what the tasks' futures complete with.
     */
    public void abandonAll(final RuntimeException cause)
    {
        outcomes.abandonAll(cause);
        if (null != crew)
        {
            crew.abandon(cause);
        }
    }

    /**
     * @return true if no task is pending or in flight.
     */
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
     * @return how a {@code map}'s chunks are sized; safe from any thread.
     */
    ChunkSizer chunkSizer()
    {
        return chunkSizer;
    }

    /**
     * @return the spokes the run's tasks spread over; safe from any thread.
     */
    int spokeCount()
    {
        return inFlight.spokeCount();
    }

    /**
     * @return true once the run has failed fast; safe from any thread.
     */
    public boolean hasFailedFast()
    {
        return outcomes.hasFailedFast();
    }

    /**
     * @return failures the policy kept (fail-fast or collect), in the order seen; cleared.
     */
    public List<TaskFailure> takeFailures()
    {
        return outcomes.takeFailures();
    }

    private int dispatch()
    {
        int sent = 0;
        while (!pending.isEmpty())
        {
            final FarmTask first = pending.peekFirst();
            final int spokeId = balancer.spokeFor(first);
            if (FarmTask.NO_SPOKE == spokeId)
            {
                final String noSpoke = balancer.whyNoSpokeCanRun(first);
                if (null == noSpoke)
                {
                    break;
                }
                pending.pollFirst();
                fail(first, task -> outcomes.record(ErrorKind.NO_SPOKES, task, FarmTask.NO_SPOKE, 0,
                    new IllegalStateException("no spoke can run task " + task.id + ": " + noSpoke)));
                continue;
            }
            final List<FarmTask> batch = balancer.takeBatch(spokeId, pending);
            for (final FarmTask task : batch)
            {
                inFlight.add(task, spokeId);
            }
            if (!transport.send(spokeId, batch, runId, options.messageFlags()))
            {
                for (int i = batch.size() - 1; i >= 0; i--)
                {
                    inFlight.land(batch.get(i));
                    pending.addFirst(batch.get(i));
                }
                break;
            }
            for (final FarmTask task : batch)
            {
                counters.taskEvent(CounterTypes.TASKS_SUBMITTED, spokeId, task.taskCount());
            }
            sent += batch.size();
        }
        return sent;
    }

    private int expireDeadlines(final long nowMs)
    {
        final FarmTask overrun = null == deadlines ? null : deadlines.overrun(nowMs);
        if (null == overrun)
        {
            return 0;
        }
        onDeadlineExceeded(overrun, transport.kill(overrun.spokeId));
        return 1;
    }

    private int failLostTasks(final long nowMs)
    {
        final int spokeId = lostStatuses.spokeWithLostTasks(nowMs);
        if (FarmTask.NO_SPOKE == spokeId)
        {
            return 0;
        }
        final List<FarmTask> lost = inFlight.on(spokeId);
        for (final FarmTask task : lost)
        {
            inFlight.land(task);
            fail(task, failed -> outcomes.record(ErrorKind.PROTOCOL_VIOLATION, failed, spokeId, 0,
                new IllegalStateException("spoke " + spokeId + " has been idle for over " + LostStatusWatch.GRACE_MS +
                " ms, but the hub never had the status of task " + failed.id + " attempt " + failed.attempt +
                ": it was lost, or could not be told apart from another's")));
        }
        return lost.size();
    }

    /**
     * @param task    a task that fails, not in flight; a chunk fails element by element.
     * @param failure makes the failure of a task.
     */
    private void fail(final FarmTask task, final Function<FarmTask, TaskFailure> failure)
    {
        if (null == task.chunk)
        {
            onFailure(task, failure.apply(task));
        }
        else
        {
            chunks.failAll(task, failure);
        }
    }

    /**
     * @return the task, which a status of one task may name; a chunk's outcomes come only in parts.
     * @throws ProtocolException if it is a chunk.
     */
    private static FarmTask single(final FarmTask task)
    {
        if (null != task && null != task.chunk)
        {
            throw new ProtocolException("a status of one task names chunk " + task.id);
        }
        return task;
    }

    private void onFailure(final FarmTask task, final TaskFailure failure)
    {
        counters.taskEvent(CounterTypes.TASKS_FAILED, task.spokeId, 1);
        counters.journalRecord();
        if (null != crew)
        {
            crew.failed(task, failure);
            return;
        }
        outcomes.failed(task, failure);
    }
}

package org.spm4j.internal.farm;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.agrona.DirectBuffer;
import org.spm4j.TaskFailure;
import org.spm4j.TaskStatus;
import org.spm4j.internal.codec.LargeValues;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.counters.CounterTypes;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.mailbox.ElementPayloads;

/**
 * How the elements of a chunk end on the hub: results decoded into the map's places as their status parts come,
 * failures turned into tasks of their own for the error policy, and, when the chunk's spoke is lost, the elements
 * without an outcome split into the one that was running, which fails, and the rest, which run again. Hub thread
 * only.
 */
final class ChunkStatuses implements ElementPayloads.EntryHandler
{
    private final LargeValues values;
    private final TaskOutcomes outcomes;
    private final InFlightTasks inFlight;
    private final HubCounters counters;
    private final ChunkSizer sizer;
    private final BiConsumer<FarmTask, TaskFailure> onFailure;
    private FarmTask task;
    private int completed;

    /**
     * @param onFailure what the run does with a failed task.
     */
    ChunkStatuses(
        final LargeValues values,
        final TaskOutcomes outcomes,
        final InFlightTasks inFlight,
        final HubCounters counters,
        final ChunkSizer sizer,
        final BiConsumer<FarmTask, TaskFailure> onFailure)
    {
        this.values = values;
        this.outcomes = outcomes;
        this.inFlight = inFlight;
        this.counters = counters;
        this.sizer = sizer;
        this.onFailure = onFailure;
    }

    /**
     * @param chunkTask    a chunk in flight.
     * @param firstElement the index of the part's first element.
     * @throws ProtocolException if the part does not follow the last one, or is malformed.
     */
    void onPart(
        final FarmTask chunkTask, final int firstElement, final DirectBuffer buffer, final int offset, final int length)
    {
        final Chunk chunk = chunkTask.chunk;
        if (firstElement != chunk.reported())
        {
            throw new ProtocolException("status part of chunk " + chunkTask.id + " starts at element " + firstElement +
                ", not at " + chunk.reported());
        }
        task = chunkTask;
        completed = 0;
        try
        {
            ElementPayloads.forEachEntry(buffer, offset, length, firstElement, chunk.count(), this);
        }
        finally
        {
            // settled together: one atomic update for the part, not one per element
            chunk.settled(completed);
            counters.taskEvent(CounterTypes.TASKS_COMPLETED, chunkTask.spokeId, completed);
            task = null;
        }
    }

    @Override
    public void completed(final int element, final DirectBuffer buffer, final int offset, final int length)
    {
        if (task.future.isDone())
        {
            values.segments().discardResult(buffer, offset, length);
            return;
        }
        final Chunk chunk = task.chunk;
        final Object value;
        try
        {
            value = values.take(buffer, offset, length);
        }
        catch (final RuntimeException | LinkageError ex)
        {
            chunk.report();
            final FarmTask single = chunk.element(task, element);
            onFailure.accept(single, outcomes.record(ErrorKind.PROTOCOL_VIOLATION, single, single.spokeId, 0,
                new IllegalArgumentException("result of task " + single.id + " cannot be decoded on the hub: " +
                ex.getMessage(), ex)));
            return;
        }
        chunk.report();
        chunk.put(element, value);
        completed++;
        outcomes.notifyElement(task, element, TaskStatus.State.COMPLETED);
    }

    @Override
    public void failed(final int element, final long journalIndex)
    {
        if (task.future.isDone())
        {
            return;
        }
        task.chunk.report();
        final FarmTask single = task.chunk.element(task, element);
        TaskFailure failure;
        try
        {
            failure = outcomes.journalFailure(journalIndex, single);
        }
        catch (final RuntimeException ex)
        {
            failure = outcomes.record(ErrorKind.PROTOCOL_VIOLATION, single, single.spokeId, 0,
                new IllegalStateException("the journal record of task " + single.id + " at index " + journalIndex +
                " cannot be read: " + ex, ex));
        }
        onFailure.accept(single, failure);
    }

    @Override
    public void cancelled(final int element)
    {
        if (task.future.isDone())
        {
            return;
        }
        task.chunk.report();
        task.chunk.cancelled(element, new CancellationException("task " + elementId(element) + " was cancelled"));
        outcomes.notifyElement(task, element, TaskStatus.State.CANCELLED);
    }

    @Override
    public void ended(final long nanos)
    {
        if (task.future.isDone())
        {
            return;
        }
        inFlight.land(task);
        sizer.record(task.chunk.count(), nanos);
        task.future.complete(null);
    }

    /**
     * The chunk's spoke was lost: the element its slot said was running fails with {@code kind}; the elements
     * after the last reported, but for that one, are to run again as chunks of their own.
     *
     * @param chunkTask     a chunk that was in flight on the spoke, landed.
     * @param runningTaskId what the spoke's slot said it ran.
     * @param innocent      gets the chunks to run again.
     * @param failure       makes the running element's failure.
     */
    void onSpokeLost(
        final FarmTask chunkTask,
        final long runningTaskId,
        final List<FarmTask> innocent,
        final Function<FarmTask, TaskFailure> failure)
    {
        final Chunk chunk = chunkTask.chunk;
        final int from = chunk.reported();
        final long running = runningTaskId - ElementPayloads.firstElementId(chunkTask.id);
        if (running < from || running >= chunk.count())
        {
            if (0 == from)
            {
                innocent.add(chunkTask);
                return;
            }
            innocent.add(chunk.slice(chunkTask, from, chunk.count()));
            chunk.handOverAll(chunkTask);
            return;
        }
        final int crashed = (int)running;
        if (from < crashed)
        {
            innocent.add(chunk.slice(chunkTask, from, crashed));
        }
        if (crashed + 1 < chunk.count())
        {
            innocent.add(chunk.slice(chunkTask, crashed + 1, chunk.count()));
        }
        final FarmTask single = chunk.element(chunkTask, crashed);
        chunk.handOverAll(chunkTask);
        onFailure.accept(single, failure.apply(single));
    }

    /**
     * Every element of the chunk without an outcome fails, each as a task of its own.
     *
     * @param chunkTask a chunk, landed or never sent.
     * @param failure   makes each element's failure.
     */
    void failAll(final FarmTask chunkTask, final Function<FarmTask, TaskFailure> failure)
    {
        final Chunk chunk = chunkTask.chunk;
        final int from = chunk.reported();
        final FarmTask[] elements = new FarmTask[chunk.count() - from];
        for (int element = from; element < chunk.count(); element++)
        {
            elements[element - from] = chunk.element(chunkTask, element);
        }
        chunk.handOverAll(chunkTask);
        for (final FarmTask single : elements)
        {
            onFailure.accept(single, failure.apply(single));
        }
    }

    private long elementId(final int element)
    {
        return ElementPayloads.firstElementId(task.id) + element;
    }
}

package org.spm4j.internal.farm;

import java.util.concurrent.CompletableFuture;

import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.shm.mailbox.ElementPayloads;

/**
 * The elements of a map that one task carries to a spoke, as {@link ElementPayloads} lays them out, and how far
 * the hub has their outcomes. An element that fails becomes a task of its own, with its own id and argument, to
 * go through the error policy as any task does; every other element's result goes straight into the map's
 * {@link MapResults}. Hub thread only, once sent.
 */
final class Chunk
{
    private final MapResults results;
    private final int firstIndex;
    private final int count;
    private int reported;

    private Chunk(final MapResults results, final int firstIndex, final int count)
    {
        this.results = results;
        this.firstIndex = firstIndex;
        this.count = count;
    }

    /**
     * @param firstElementId the id of the first element; the others follow it.
     * @param closureId      the closure every element runs.
     * @param arguments      the elements' arguments, laid out as {@link ElementPayloads} says.
     * @param results        where the map's results go.
     * @param firstIndex     the first element's place in the results.
     * @param count          how many elements.
     * @return the chunk's task; when its future fails, every element without an outcome yet fails with it.
     */
    static FarmTask task(
        final long firstElementId,
        final int closureId,
        final byte[] arguments,
        final MapResults results,
        final int firstIndex,
        final int count)
    {
        final Chunk chunk = new Chunk(results, firstIndex, count);
        final FarmTask task = new FarmTask(ElementPayloads.chunkId(firstElementId), closureId, arguments, chunk,
            new CompletableFuture<>());
        task.future.whenComplete((handedOver, failure) ->
        {
            if (null != failure)
            {
                results.endedAll(firstIndex + chunk.reported, firstIndex + count, failure);
            }
        });
        return task;
    }

    int count()
    {
        return count;
    }

    /**
     * @return how many elements, from the first, the hub has the outcome of.
     */
    int reported()
    {
        return reported;
    }

    /**
     * The next element's outcome has come.
     */
    void report()
    {
        reported++;
    }

    /**
     * Every element's outcome is now another's to give: the chunk's own future completes without touching them.
     */
    void handOverAll(final FarmTask task)
    {
        reported = count;
        task.future.complete(null);
    }

    /**
     * @param element an element whose result came; it counts as settled once {@link #settled(int)} says so.
     */
    void put(final int element, final Object value)
    {
        results.put(firstIndex + element, value);
    }

    /**
     * @param elements how many elements' results were {@link #put}.
     */
    void settled(final int elements)
    {
        results.settled(elements);
    }

    void cancelled(final int element, final Throwable cancellation)
    {
        results.ended(firstIndex + element, cancellation);
    }

    /**
     * @param task    this chunk's task.
     * @param element an element of it.
     * @return the element as a task of its own, in the chunk's attempt and on its spoke; its result goes to the map.
     */
    FarmTask element(final FarmTask task, final int element)
    {
        final FarmTask single = detachedElement(task, element);
        final int index = firstIndex + element;
        single.future.whenComplete((value, failure) ->
        {
            if (null == failure)
            {
                results.completed(index, value);
            }
            else
            {
                results.ended(index, failure);
            }
        });
        return single;
    }

    /**
     * @param task    this chunk's task.
     * @param element an element of it.
     * @return the element as a task of its own, for a record of it only: its outcome goes nowhere.
     */
    static FarmTask detachedElement(final FarmTask task, final int element)
    {
        final FarmTask single = new FarmTask(
            ElementPayloads.firstElementId(task.id) + element, task.closureId, argument(task.argument, element));
        single.attempt = task.attempt;
        single.spokeId = task.spokeId;
        single.deadlineMs = task.deadlineMs;
        return single;
    }

    /**
     * @param task this chunk's task.
     * @param from the first element of the new chunk.
     * @param to   the end of its elements, exclusive.
     * @return elements of this chunk as a chunk of their own, in the same attempt, not sent yet.
     */
    FarmTask slice(final FarmTask task, final int from, final int to)
    {
        final UnsafeBuffer arguments = new UnsafeBuffer(task.argument);
        final int start = offsetOf(arguments, from);
        final int end = offsetOf(arguments, to);
        final byte[] sliced = new byte[ElementPayloads.ARGUMENTS_HEADER_LENGTH + end - start];
        final UnsafeBuffer slice = new UnsafeBuffer(sliced);
        slice.putInt(0, to - from);
        slice.putBytes(ElementPayloads.ARGUMENTS_HEADER_LENGTH, arguments, start, end - start);
        final FarmTask rest = task(ElementPayloads.firstElementId(task.id) + from, task.closureId, sliced, results,
            firstIndex + from, to - from);
        rest.attempt = task.attempt;
        rest.deadlineMs = task.deadlineMs;
        return rest;
    }

    private static byte[] argument(final byte[] arguments, final int element)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(arguments);
        final int at = offsetOf(buffer, element);
        final byte[] argument = new byte[buffer.getInt(at)];
        buffer.getBytes(at + ElementPayloads.ELEMENT_OVERHEAD, argument);
        return argument;
    }

    /**
     * @return where element {@code element}'s length is; for the count, the end of the arguments.
     */
    private static int offsetOf(final UnsafeBuffer arguments, final int element)
    {
        int at = ElementPayloads.ARGUMENTS_HEADER_LENGTH;
        for (int i = 0; i < element; i++)
        {
            at += ElementPayloads.ELEMENT_OVERHEAD + arguments.getInt(at);
        }
        return at;
    }
}

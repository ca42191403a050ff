package org.spm4j.internal.farm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the results of a map sent in chunks go, each element's straight into its place, and how many are still
 * to come. Elements settle on the hub thread, and on the caller's for those it never sent; the last to settle
 * completes {@link #done()}, after which the caller reads them.
 */
final class MapResults
{
    private final Object[] values;
    private final AtomicInteger unsettled;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean failed;
    private volatile boolean cancelled;

    MapResults(final int size)
    {
        values = new Object[size];
        unsettled = new AtomicInteger(size);
        if (0 == size)
        {
            done.complete(null);
        }
    }

    void completed(final int index, final Object value)
    {
        values[index] = value;
        settled(1);
    }

    /**
     * @param index an element whose result this is; it is not settled until {@link #settled(int)} says so.
     * @param value the result.
     */
    void put(final int index, final Object value)
    {
        values[index] = value;
    }

    /**
     * @param index   an element whose task's future completed exceptionally.
     * @param failure how: a cancellation, or the failure its policy kept.
     */
    void ended(final int index, final Throwable failure)
    {
        if (failure instanceof CancellationException)
        {
            cancelled = true;
        }
        else
        {
            failed = true;
        }
        settled(1);
    }

    /**
     * @param from  the first of a range of elements that will not run.
     * @param to    the end of the range, exclusive.
     * @param cause why: a cancellation, or the pool's failure.
     */
    void endedAll(final int from, final int to, final Throwable cause)
    {
        if (from < to)
        {
            if (cause instanceof CancellationException)
            {
                cancelled = true;
            }
            else
            {
                failed = true;
            }
            settled(to - from);
        }
    }

    /**
     * @return completes once every element has settled.
     */
    CompletableFuture<Void> done()
    {
        return done;
    }

    /**
     * @return true if an element failed; read once {@link #done()}.
     */
    boolean anyFailed()
    {
        return failed;
    }

    /**
     * @return true if an element was cancelled; read once {@link #done()}.
     */
    boolean anyCancelled()
    {
        return cancelled;
    }

    /**
     * @return the results in order, null for elements that did not complete; read once {@link #done()}.
     */
    @SuppressWarnings("unchecked")
    <R> List<R> toList()
    {
        return new ArrayList<>((List<R>)Arrays.asList(values));
    }

    /**
     * @param elements how many more elements have settled, their results {@link #put} already.
     */
    void settled(final int elements)
    {
        if (elements > 0 && 0 == unsettled.addAndGet(-elements))
        {
            done.complete(null);
        }
    }
}

package org.spm4j.internal.farm;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The chunks of one map that were handed to the hub and have not ended, so that the caller cuts the next chunk as
 * soon as any of them ends, whichever spoke ran it, and never waits on a long one while another spoke idles.
 * Chunks end on whichever thread drives the hub; the caller waits.
 */
final class ChunksInFlight
{
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicReference<CompletableFuture<Void>> nextEnd = new AtomicReference<>(new CompletableFuture<>());

    /**
     * @param chunk a chunk just handed to the hub.
     */
    void add(final FarmTask chunk)
    {
        count.incrementAndGet();
        chunk.future.whenComplete((result, failure) -> ended());
    }

    /**
     * @return chunks handed over and not ended.
     */
    int count()
    {
        return count.get();
    }

    /**
     * Take this before looking at {@link #count()}: it completes at the first end after it was taken, so an end
     * between the look and the wait is not missed.
     *
     * @return a future that completes when a chunk ends.
     */
    CompletableFuture<Void> nextEnd()
    {
        return nextEnd.get();
    }

    private void ended()
    {
        count.decrementAndGet();
        nextEnd.getAndSet(new CompletableFuture<>()).complete(null);
    }
}

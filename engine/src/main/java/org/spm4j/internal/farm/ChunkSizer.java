package org.spm4j.internal.farm;

/**
 * How many elements of a map the next chunk takes, from the time spokes report for the chunks they ran: enough
 * for a chunk to run about {@link #TARGET_CHUNK_NANOS}, so that short tasks share a message while long ones still
 * spread over every spoke; never more than a share of what is left, so that the last chunks shrink and the spokes
 * finish together. Until a chunk has been timed, chunks hold one element. The hub records, callers read.
 */
final class ChunkSizer
{
    /** How long a chunk should run: long beside a message's cost, short beside a map worth sending in chunks. */
    static final long TARGET_CHUNK_NANOS = 1_000_000;
    /** Chunks a spoke is given of what is left, at most, so that the last ones are small. */
    private static final int SHARES_PER_SPOKE = 2;
    // as much as all before: a cold first chunk is outweighed within a few, each doubling the next one's size
    private static final double WEIGHT_OF_LATEST = 0.5;

    private final int fixedSize;
    private volatile double nanosPerElement = Double.NaN;

    /**
     * @param fixedSize elements per chunk whatever the timing, or 0 to size chunks from it.
     */
    ChunkSizer(final int fixedSize)
    {
        this.fixedSize = fixedSize;
    }

    /**
     * @param elements how many elements a chunk had.
     * @param nanos    how long its spoke spent on them.
     */
    void record(final int elements, final long nanos)
    {
        if (elements <= 0 || nanos < 0)
        {
            return;
        }
        final double latest = (double)nanos / elements;
        final double known = nanosPerElement;
        nanosPerElement = Double.isNaN(known) ? latest : known + WEIGHT_OF_LATEST * (latest - known);
    }

    /**
     * @param remaining elements of the map not yet in a chunk.
     * @param spokes    spokes the map runs on.
     * @return elements for the next chunk, at least 1.
     */
    int nextSize(final int remaining, final int spokes)
    {
        if (fixedSize > 0)
        {
            return Math.min(fixedSize, remaining);
        }
        final double perElement = nanosPerElement;
        if (Double.isNaN(perElement))
        {
            return 1;
        }
        final long byTime = (long)(TARGET_CHUNK_NANOS / Math.max(1.0, perElement));
        final long byShare = (remaining + (long)SHARES_PER_SPOKE * spokes - 1) / ((long)SHARES_PER_SPOKE * spokes);
        return (int)Math.max(1, Math.min(remaining, Math.min(byTime, byShare)));
    }
}

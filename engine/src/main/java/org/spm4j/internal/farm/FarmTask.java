package org.spm4j.internal.farm;

import java.util.concurrent.CompletableFuture;

import org.spm4j.shm.mailbox.TaskFlyweight;

/**
 * One task of a farm as the hub tracks it. Hub thread only, but for the future.
 */
public final class FarmTask
{
    static final int NO_SPOKE = -1;

    public final long id;
    public final int closureId;
    public final byte[] argument;
    public final CompletableFuture<Object> future;
    public int attempt = 1;
    public int spokeId = NO_SPOKE;
    int avoidSpokeId = NO_SPOKE;
    /** A crew task runs on the spoke of its rank only. */
    int pinnedSpokeId = NO_SPOKE;
    /** Most milliseconds the task may run, 0 for no limit. */
    public long deadlineMs;
    /** The elements of a map this task carries, null for a task of one argument. */
    final Chunk chunk;

    FarmTask(final long id, final int closureId, final byte[] argument)
    {
        this(id, closureId, argument, null, new CompletableFuture<>());
    }

    FarmTask(
        final long id, final int closureId, final byte[] argument, final Chunk chunk,
        final CompletableFuture<Object> future)
    {
        this.id = id;
        this.closureId = closureId;
        this.argument = argument;
        this.chunk = chunk;
        this.future = future;
    }

    /**
     * @return how many tasks this one stands for: a chunk's elements, or 1.
     */
    int taskCount()
    {
        return null == chunk ? 1 : chunk.count();
    }

    /**
     * @return bytes the TASK message of this task takes, fixed fields included.
     */
    public int messageLength()
    {
        return TaskFlyweight.HEADER_LENGTH + argument.length;
    }
}

package org.spm4j.internal;

import java.util.concurrent.CompletableFuture;

/**
 * One task of a farm as the hub tracks it. Hub thread only, but for the future.
 */
final class FarmTask
{
    static final int NO_SPOKE = -1;

    final long id;
    final int closureId;
    final byte[] argument;
    final CompletableFuture<Object> future = new CompletableFuture<>();
    int attempt = 1;
    int spokeId = NO_SPOKE;
    int avoidSpokeId = NO_SPOKE;
    /** A crew task runs on the spoke of its rank only. */
    int pinnedSpokeId = NO_SPOKE;
    /** Most milliseconds the task may run, 0 for no limit. */
    long deadlineMs;

    FarmTask(final long id, final int closureId, final byte[] argument)
    {
        this.id = id;
        this.closureId = closureId;
        this.argument = argument;
    }
}

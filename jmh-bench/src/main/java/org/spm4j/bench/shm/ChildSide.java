package org.spm4j.bench.shm;

import java.nio.file.Path;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import org.spm4j.bench.ChildJvm;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.SpokeSlot;
import org.spm4j.shm.SpokeState;

/**
 * What every child JVM of {@link PoolWithChild} does around its loop: open the pool file, exit when the
 * parent goes away, report READY in spoke slot 0, pick its idle strategy by name.
 */
final class ChildSide
{
    /** Idle strategy name: spin, calling {@link Thread#onSpinWait()}. */
    static final String BUSY_SPIN = "busy-spin";
    /** Idle strategy name: Agrona's default backoff (spin, yield, then park up to 1 ms). */
    static final String BACKOFF = "backoff";

    private static final long HUB_HEARTBEAT_TIMEOUT_MS = 60_000;

    private ChildSide()
    {
    }

    /**
     * Open the pool file, and start a daemon thread that ends this JVM once stdin reaches end of file,
     * which happens when the parent dies without killing us.
     *
     * @param poolFile path of the pool file.
     * @return the open pool file.
     */
    static PoolFile open(final String poolFile)
    {
        ChildJvm.exitWhenParentGone();
        return PoolFile.open(Path.of(poolFile), SystemEpochClock.INSTANCE, HUB_HEARTBEAT_TIMEOUT_MS);
    }

    /**
     * @param poolFile the open pool file; spoke slot 0 is ours.
     */
    static void ready(final PoolFile poolFile)
    {
        final SpokeSlot slot = poolFile.spokeSlot(0);
        slot.pidRelease(ProcessHandle.current().pid());
        slot.stateRelease(SpokeState.READY);
    }

    /**
     * @param name {@link #BUSY_SPIN} or {@link #BACKOFF}.
     * @return a new idle strategy of that kind.
     */
    static IdleStrategy idleStrategy(final String name)
    {
        switch (name)
        {
            case BUSY_SPIN:
                return new BusySpinIdleStrategy();
            case BACKOFF:
                return new BackoffIdleStrategy();
            default:
                throw new IllegalArgumentException("unknown idle strategy '" + name + "', expected " + BUSY_SPIN +
                    " or " + BACKOFF);
        }
    }
}

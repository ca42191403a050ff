package org.spm4j.internal.spoke;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.mailbox.TaskFlyweight;

/**
 * What bounds a running task's waits on its spoke, for a peer's message, the hub's reply, or room in an
 * inbox: the task's deadline, when it has one, and the hub's heartbeat. A wait gives up a little before
 * the deadline ({@link #marginMs}), so that the spoke has time to record and report the failure before the
 * hub kills it for running late. A wait also gives up when the hub's heartbeat is older than
 * {@link PoolFile#HUB_HEARTBEAT_TIMEOUT_MS}: the hub thread no longer runs, so no reply, message room or
 * stop will come (a dead hub process the spoke's watchdog sees sooner, and halts the spoke). Task thread
 * only.
 */
final class WaitLimits
{
    /**
     * The most a wait gives up before the deadline: recording a spoke's first failure may take a few hundred
     * ms on a loaded machine.
     */
    static final long MAX_MARGIN_MS = 1_000;

    private final NanoClock clock;
    private final EpochClock epochClock;
    private final LongSupplier hubHeartbeatMs;
    private long deadlineMs = TaskFlyweight.NO_DEADLINE;
    private long giveUpNs;

    /**
     * @param clock          the clock waits are timed by.
     * @param epochClock     the clock the hub's heartbeat is judged by.
     * @param hubHeartbeatMs the hub's last heartbeat, epoch ms.
     */
    WaitLimits(final NanoClock clock, final EpochClock epochClock, final LongSupplier hubHeartbeatMs)
    {
        this.clock = clock;
        this.epochClock = epochClock;
        this.hubHeartbeatMs = hubHeartbeatMs;
    }

    /**
     * @param deadlineMs the task's deadline from now, {@link TaskFlyweight#NO_DEADLINE} for none.
     */
    void taskStarted(final long deadlineMs)
    {
        this.deadlineMs = deadlineMs;
        if (TaskFlyweight.NO_DEADLINE != deadlineMs)
        {
            giveUpNs = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMs - marginMs(deadlineMs));
        }
    }

    /**
     * @param deadlineMs a task's deadline.
     * @return how long before it waits give up: a quarter of it, at most {@link #MAX_MARGIN_MS}.
     */
    static long marginMs(final long deadlineMs)
    {
        return Math.min(deadlineMs / 4, MAX_MARGIN_MS);
    }

    /**
     * @return true if a wait must end now: the deadline is near, or the hub's heartbeat is stale.
     */
    boolean mustGiveUp()
    {
        return isPastGiveUp() || isHubStale();
    }

    /**
     * @param what the wait that ends, e.g. "rank 1 gave up waiting for a message from rank 0 (tag DATA)".
     * @return the exception that ends it, saying why, with a {@link TimeoutException} cause when the deadline
     *         ended it.
     */
    IllegalStateException giveUp(final String what)
    {
        if (isPastGiveUp())
        {
            final String deadline = "the task's deadline of " + deadlineMs + " ms";
            return new IllegalStateException(what + ": " + deadline + " is " + marginMs(deadlineMs) + " ms away",
                new TimeoutException(deadline));
        }
        return new IllegalStateException(what + ": the hub's heartbeat is " + hubHeartbeatAgeMs() + " ms old, so " +
            "the hub thread no longer runs");
    }

    /**
     * @return true if the hub's heartbeat is too old for the hub thread to be running.
     */
    boolean isHubStale()
    {
        return hubHeartbeatAgeMs() > PoolFile.HUB_HEARTBEAT_TIMEOUT_MS;
    }

    private boolean isPastGiveUp()
    {
        return TaskFlyweight.NO_DEADLINE != deadlineMs && clock.nanoTime() - giveUpNs >= 0;
    }

    /**
     * @return now, by the clock the hub's heartbeat is judged by, epoch ms.
     */
    long nowMs()
    {
        return epochClock.time();
    }

    private long hubHeartbeatAgeMs()
    {
        return epochClock.time() - hubHeartbeatMs.getAsLong();
    }
}

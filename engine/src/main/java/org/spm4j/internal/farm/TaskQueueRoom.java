package org.spm4j.internal.farm;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Room for tasks submitted and not yet finished under a manager's queue limit: a task takes a place before it
 * goes to the hub and gives it back when its future completes, however it ends. Thread-safe.
 */
public final class TaskQueueRoom
{
    private final Semaphore places;
    private final int limit;
    private final Duration wait;
    private final String manager;

    /**
     * @param limit   tasks submitted and not finished, at most.
     * @param wait    how long a submitter waits for room.
     * @param manager the manager, for errors.
     */
    public TaskQueueRoom(final int limit, final Duration wait, final String manager)
    {
        this.places = new Semaphore(limit);
        this.limit = limit;
        this.wait = wait;
        this.manager = manager;
    }

    /**
     * Wait for a place for the task, up to the queue wait. A caller that must not wait gets a place if one is
     * free, and goes over the limit otherwise.
     *
     * @param task    a task about to be submitted.
     * @param mayWait false on a thread where tasks finish, which would wait for itself.
     * @throws RejectedExecutionException if no place came free in time.
     * @throws CancellationException      if interrupted while waiting.
     */
    void take(final FarmTask task, final boolean mayWait)
    {
        if (!mayWait)
        {
            tryTake(task);
            return;
        }
        try
        {
            if (!places.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS))
            {
                throw new RejectedExecutionException(manager + " has had " + limit + " tasks submitted and not " +
                    "finished for " + wait + "; no room for task " + task.id + ". Raise the builder's queueLimit or " +
                    "queueWait, or submit more slowly");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for room in " + manager);
        }
        giveBackWhenDone(task);
    }

    /**
     * @param task a task about to be submitted.
     * @return true if it got a place without waiting.
     */
    boolean tryTake(final FarmTask task)
    {
        if (!places.tryAcquire())
        {
            return false;
        }
        giveBackWhenDone(task);
        return true;
    }

    private void giveBackWhenDone(final FarmTask task)
    {
        task.future.whenComplete((result, failure) -> places.release());
    }
}

package org.spm4j;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Options every parallel manager shares; each manager's builder adds its own and brings it online.
 * Not thread-safe.
 *
 * @param <B> the concrete builder, returned by each setter.
 */
public abstract class ManagerBuilder<B extends ManagerBuilder<B>>
{
    /** What to do with failures; fail-fast by default. */
    protected ErrorPolicy errorPolicy = ErrorPolicy.failFast();
    /** Hard limit on each task's running time, null for none. */
    protected Duration deadline;
    /** Called on the hub thread for each task state change, null for none. */
    protected Consumer<TaskStatus> onStatus;
    /** Most tasks in flight per spoke; 0 for a window that follows how long tasks take. */
    protected int window;
    /** Most tasks submitted and not yet finished. */
    protected int queueLimit = DEFAULT_QUEUE_LIMIT;
    /** How long a submit waits for room under the queue limit. */
    protected Duration queueWait = DEFAULT_QUEUE_WAIT;

    /** Default {@link #queueLimit(int)}. */
    public static final int DEFAULT_QUEUE_LIMIT = 1 << 20;
    /** Default {@link #queueWait(Duration)}. */
    public static final Duration DEFAULT_QUEUE_WAIT = Duration.ofMinutes(10);

    /**
     * @return this builder as its concrete type.
     */
    protected abstract B self();

    /**
     * @param errorPolicy what to do with failures; fail-fast by default.
     * @return this.
     */
    public B errorPolicy(final ErrorPolicy errorPolicy)
    {
        this.errorPolicy = Objects.requireNonNull(errorPolicy, "errorPolicy");
        return self();
    }

    /**
     * @param deadline hard limit on each task's running time, counted from when its spoke starts it: at
     *                 expiry the spoke is killed and relaunched and the failure goes through the policy.
     *                 None by default.
     * @return this.
     */
    public B deadline(final Duration deadline)
    {
        if (deadline.isNegative() || deadline.isZero())
        {
            throw new IllegalArgumentException("deadline must be positive: " + deadline);
        }
        this.deadline = deadline;
        return self();
    }

    /**
     * @param onStatus called on the hub thread for each task state change while online.
     * @return this.
     */
    public B onStatus(final Consumer<TaskStatus> onStatus)
    {
        this.onStatus = onStatus;
        return self();
    }

    /**
     * Fix how many tasks a spoke may hold at once, one running and the rest queued behind it. By default the
     * window follows the tasks: wide (up to 1024) while they are short, so that they travel in batches and a spoke
     * never waits for the hub between them, and 2 while they are long, so that they spread over every spoke.
     *
     * @param window most tasks in flight per spoke.
     * @return this.
     */
    public B window(final int window)
    {
        if (window < 1)
        {
            throw new IllegalArgumentException("window must be >= 1: " + window);
        }
        this.window = window;
        return self();
    }

    /**
     * Bound the tasks the hub holds: once this many are submitted and not finished, {@code submit} and
     * {@code map} wait for running tasks to finish (up to {@link #queueWait(Duration)}) before they hand over
     * more, so a fast producer cannot fill the hub's memory. A callback on the hub thread never waits.
     *
     * @param queueLimit most tasks submitted and not yet finished; {@value #DEFAULT_QUEUE_LIMIT} by default.
     * @return this.
     */
    public B queueLimit(final int queueLimit)
    {
        if (queueLimit < 1)
        {
            throw new IllegalArgumentException("queueLimit must be >= 1: " + queueLimit);
        }
        this.queueLimit = queueLimit;
        return self();
    }

    /**
     * @param queueWait how long a submit may wait for room under the {@link #queueLimit(int)} before it throws
     *                  {@link java.util.concurrent.RejectedExecutionException}; 10 minutes by default.
     * @return this.
     */
    public B queueWait(final Duration queueWait)
    {
        if (queueWait.isNegative())
        {
            throw new IllegalArgumentException("queueWait must not be negative: " + queueWait);
        }
        this.queueWait = queueWait;
        return self();
    }
}

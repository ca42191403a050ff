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
    /** Most tasks in flight per spoke. */
    protected int window = 2;

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
     * @param window most tasks in flight per spoke; 2 by default. A wider window lets tasks travel to a
     *               spoke in batches, which pays for many small tasks.
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
}

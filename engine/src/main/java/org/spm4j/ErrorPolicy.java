package org.spm4j;

/**
 * What a parallel manager does with a failed task attempt. The built-in policies cover the usual
 * cases; any lambda is a custom handler that sees each failure and decides. Decisions are taken on
 * the hub thread, one failure at a time.
 */
@FunctionalInterface
public interface ErrorPolicy
{
    /**
     * What to do with one failure.
     */
    enum Decision
    {
        /** Cancel every outstanding task and end the run with this failure. */
        FAIL_FAST,
        /** Let the other tasks finish, then end the run with every collected failure. */
        COLLECT,
        /** Run the task again, on another spoke where there is one. */
        RETRY,
        /** Forget the failure; the task's result is null. */
        IGNORE
    }

    /**
     * @param failure the failed attempt.
     * @return what to do.
     */
    Decision decide(TaskFailure failure);

    /**
     * @return cancel all outstanding tasks at the first failure and throw it.
     */
    static ErrorPolicy failFast()
    {
        return failure -> Decision.FAIL_FAST;
    }

    /**
     * @return finish every task, then throw one {@link ParallelException} carrying every failure.
     */
    static ErrorPolicy collect()
    {
        return failure -> Decision.COLLECT;
    }

    /**
     * @return ignore failures; failed tasks yield null.
     */
    static ErrorPolicy ignore()
    {
        return failure -> Decision.IGNORE;
    }

    /**
     * @param retries  how many times a task may be run again.
     * @param fallback what decides once the retries are used up.
     * @return run a failed task again, on another spoke, up to {@code retries} times.
     */
    static ErrorPolicy retry(final int retries, final ErrorPolicy fallback)
    {
        if (retries < 0)
        {
            throw new IllegalArgumentException("retries must be >= 0: " + retries);
        }
        return failure -> failure.attempt() <= retries ? Decision.RETRY : fallback.decide(failure);
    }
}

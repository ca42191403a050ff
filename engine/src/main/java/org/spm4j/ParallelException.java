package org.spm4j;

import java.util.List;

/**
 * A parallel manager ended with failures its error policy did not absorb. Carries every failure; the
 * first failure's exception is the cause and the next ones are suppressed, so
 * {@link #printStackTrace()} shows the remote frames of each.
 */
public final class ParallelException extends RuntimeException
{
    private static final long serialVersionUID = 1L;
    private static final int MAX_SUPPRESSED = 10;

    /** Not serialized: failures hold exceptions whose classes may not exist where this is read. */
    private final transient List<TaskFailure> failures;

    /**
     * @param summary  what ended and how.
     * @param failures every failure, at least one.
     */
    public ParallelException(final String summary, final List<TaskFailure> failures)
    {
        super(summary + "; first: " + failures.get(0), failures.get(0).exception());
        this.failures = List.copyOf(failures);
        for (int i = 1; i < Math.min(failures.size(), 1 + MAX_SUPPRESSED); i++)
        {
            addSuppressed(failures.get(i).exception());
        }
    }

    /**
     * @return every failure, in the order the hub saw them.
     */
    public List<TaskFailure> failures()
    {
        return failures;
    }
}

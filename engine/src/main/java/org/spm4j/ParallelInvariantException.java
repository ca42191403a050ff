package org.spm4j;

/**
 * A parallel invariant was broken: a closure defined while a manager is online, a closure name used
 * twice, a second manager brought online on the same pool, or a message sent in a direction the
 * manager does not allow. Thrown at the point of the breach, in serial and parallel mode alike.
 */
public final class ParallelInvariantException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message which invariant, and where.
     */
    public ParallelInvariantException(final String message)
    {
        super(message);
    }
}

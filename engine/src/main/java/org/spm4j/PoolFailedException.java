package org.spm4j;

/**
 * The pool can run no more tasks: its hub thread ended by an error, or it was closed while tasks were still
 * outstanding. Every task outstanding at that moment completes with it, and every later call on the pool or
 * its manager throws it at once. {@link #getCause()} says why, when there was an error.
 */
public class PoolFailedException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened, naming the pool.
     * @param cause   the error that ended the hub, or null.
     */
    public PoolFailedException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

package org.spm4j.internal.farm;

/**
 * The reason recorded for a crew that stopped because one of its ranks failed; the rank's own failure
 * is its cause.
 */
public final class CrewFailedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message which rank failed, and how.
     * @param cause   the rank's failure as rebuilt on the hub.
     */
    public CrewFailedException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

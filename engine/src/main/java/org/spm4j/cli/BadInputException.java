package org.spm4j.cli;

/**
 * What the user gave {@code spm} cannot be used: a missing file, an unknown pool, an unreadable journal.
 * Reported as one line naming what was wrong, with exit code {@link Spm#BAD_INPUT}.
 */
public final class BadInputException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, on one line.
     */
    public BadInputException(final String message)
    {
        super(message);
    }

    /**
     * @param message what was wrong, on one line.
     * @param cause   what found it out.
     */
    public BadInputException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

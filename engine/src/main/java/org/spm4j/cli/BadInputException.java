package org.spm4j.cli;

/**
 * What the user gave {@code spm} cannot be used: a missing file, an unknown pool, an unreadable journal.
 * Reported as one line naming what was wrong, with exit code {@link Spm#BAD_INPUT}.
 */
final class BadInputException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    BadInputException(final String message)
    {
        super(message);
    }

    BadInputException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

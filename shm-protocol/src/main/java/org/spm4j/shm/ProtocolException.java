package org.spm4j.shm;

/**
 * Something that crossed, or tried to cross, a process boundary broke the protocol: a corrupt or
 * foreign file, a malformed message, a reference beyond a published fence. The message always names
 * what was wrong and where.
 */
public class ProtocolException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong and where.
     */
    public ProtocolException(final String message)
    {
        super(message);
    }

    /**
     * @param message what was wrong and where.
     * @param cause   the underlying failure.
     */
    public ProtocolException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

package org.spm4j.shm.mailbox;

import org.spm4j.shm.ProtocolException;

/**
 * How a task attempt ended, as a STATUS message reports it.
 */
public enum TaskOutcome
{
    /** The closure returned; the payload is its result. */
    OK(0),
    /** The closure threw; the journal index names the error record. */
    FAILED(1),
    /** The task was cancelled before it ran. */
    CANCELLED(2),
    /**
     * A part of a chunk's outcomes; the journal index field holds the index of the part's first element, the
     * payload the entries {@link ElementPayloads} lays out.
     */
    ELEMENTS(3);

    private final int code;

    TaskOutcome(final int code)
    {
        this.code = code;
    }

    /**
     * @return the value carried on the wire.
     */
    public int code()
    {
        return code;
    }

    /**
     * @param code a value read from the wire.
     * @return the outcome.
     * @throws ProtocolException if no outcome has that code.
     */
    public static TaskOutcome fromCode(final int code)
    {
        for (final TaskOutcome outcome : values())
        {
            if (outcome.code == code)
            {
                return outcome;
            }
        }
        throw new ProtocolException("task outcome code " + code + " is unknown");
    }
}

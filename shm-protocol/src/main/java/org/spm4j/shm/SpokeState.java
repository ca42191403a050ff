package org.spm4j.shm;

/**
 * Life cycle of a spoke slot, as recorded in shared memory.
 */
public enum SpokeState
{
    /** No spoke holds the slot. */
    EMPTY,
    /** A spoke process has been launched for the slot but is not ready for tasks. */
    STARTING,
    /** The spoke waits for work. */
    READY,
    /** The spoke runs a task. */
    BUSY,
    /** The spoke has exited. */
    EXITED;

    private static final SpokeState[] BY_CODE = values();

    /**
     * @return the value stored in shared memory.
     */
    public int code()
    {
        return ordinal();
    }

    /**
     * @param code a value read from shared memory.
     * @return the state it denotes.
     * @throws ProtocolException if no state has that code.
     */
    public static SpokeState fromCode(final int code)
    {
        if (code < 0 || code >= BY_CODE.length)
        {
            throw new ProtocolException("spoke state code " + code + " is not one of 0.." + (BY_CODE.length - 1));
        }
        return BY_CODE[code];
    }
}

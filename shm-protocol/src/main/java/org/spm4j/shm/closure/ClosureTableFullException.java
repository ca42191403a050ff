package org.spm4j.shm.closure;

/**
 * The closure table has no room for another definition.
 */
public final class ClosureTableFullException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param name      the closure that did not fit.
     * @param needed    bytes its record needs.
     * @param used      bytes of the log already used.
     * @param capacity  bytes the log holds.
     */
    public ClosureTableFullException(final String name, final int needed, final long used, final long capacity)
    {
        super("closure table is full: closure '" + name + "' needs " + needed + " bytes but only " +
            (capacity - used) + " of " + capacity + " are free; give the pool a larger closure table");
    }
}

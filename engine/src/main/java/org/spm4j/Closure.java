package org.spm4j;

/**
 * Handle on a task closure defined in a pool: a unique name and its id in the pool's closure table.
 * Immutable and thread-safe.
 *
 * @param <A> argument type.
 * @param <R> result type.
 */
public final class Closure<A, R>
{
    private final String name;
    private final int id;

    /**
     * For pool implementations; users get handles from {@link Pool#define}.
     *
     * @param name unique name.
     * @param id   id in the closure table.
     */
    public Closure(final String name, final int id)
    {
        this.name = name;
        this.id = id;
    }

    /**
     * @return the unique name it was defined with.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return its id in the closure table.
     */
    public int id()
    {
        return id;
    }

    @Override
    public String toString()
    {
        return "closure '" + name + "'";
    }
}

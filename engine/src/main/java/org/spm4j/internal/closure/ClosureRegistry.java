package org.spm4j.internal.closure;

import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.Closure;
import org.spm4j.ParallelInvariantException;
import org.spm4j.TaskClosure;
import org.spm4j.internal.codec.JavaSerialization;
import org.spm4j.shm.closure.ClosureTableFullException;
import org.spm4j.shm.closure.ClosureTableWriter;

/**
 * The hub's closures: checks the naming invariant, serializes each closure once into the closure
 * table, and advances the fence at sequence points. The packages closures come from join the hub's
 * allow-list, as they join every spoke's, so results of their classes come back. Hub thread only.
 */
public final class ClosureRegistry
{
    private final ClosureTableWriter writer;
    private final JavaSerialization serialization;
    private final List<String> names = new ArrayList<>();
    private final List<byte[]> definitions = new ArrayList<>();

    /**
     * @param writer        the pool's closure table.
     * @param serialization how closures become bytes.
     */
    public ClosureRegistry(final ClosureTableWriter writer, final JavaSerialization serialization)
    {
        this.writer = writer;
        this.serialization = serialization;
    }

    /**
     * Serialize a closure and append it to the table, visible to spokes from the next {@link #publish()}.
     *
     * @param name    unique name.
     * @param closure the closure.
     * @param <A>     its argument.
     * @param <R>     its result.
     * @return the handle tasks name it by.
     */
    public <A, R> Closure<A, R> define(final String name, final TaskClosure<A, R> closure)
    {
        if (null == name || name.isEmpty())
        {
            throw new IllegalArgumentException("a closure needs a non-empty name");
        }
        final int existing = writer.closureId(name);
        if (existing >= 0)
        {
            throw new ParallelInvariantException("closure name '" + name + "' is already defined in this pool " +
                "(closure " + existing + "); closure names are unique per pool");
        }
        final byte[] serialized;
        try
        {
            serialized = serialization.serialize(closure);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("closure '" + name + "' " + ex.getMessage(), ex.getCause());
        }
        final byte[] bytes = ClosureEncoding.encode(closure, serialized);
        final int id;
        try
        {
            id = writer.append(name, ClosureEncoding.CODEC_ID, new UnsafeBuffer(bytes), 0, bytes.length);
        }
        catch (final ClosureTableFullException ex)
        {
            throw new IllegalStateException(ex.getMessage() + " with PoolBuilder.closureTableLength", ex);
        }
        ClosureEncoding.packagesOf(closure).forEach(serialization.filter()::allowPackage);
        names.add(name);
        definitions.add(bytes);
        return new Closure<>(name, id);
    }

    /**
     * Advance the fence: every closure defined so far becomes visible to spokes.
     *
     * @return closures published in all.
     */
    public int publish()
    {
        return writer.publish();
    }

    /**
     * @param closureId a closure.
     * @return the closure's serialized definition, for a record the hub writes.
     */
    public byte[] bytes(final int closureId)
    {
        return closureId >= 0 && closureId < definitions.size() ? definitions.get(closureId) : new byte[0];
    }

    /**
     * @param closureId a closure.
     * @return its name, "#id" if unknown.
     */
    public String name(final int closureId)
    {
        return closureId >= 0 && closureId < names.size() ? names.get(closureId) : "#" + closureId;
    }
}

package org.spm4j.internal.closure;

import java.util.ArrayList;
import java.util.List;

import org.spm4j.TaskClosure;
import org.spm4j.internal.codec.JavaSerialization;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.closure.ClosureDefinition;
import org.spm4j.shm.closure.ClosureTableReader;

/**
 * A spoke's (or serial pool's) view of the closure table: each closure deserialized once, on first
 * use, and kept. One thread.
 */
public final class ClosureCache
{
    private final ClosureTableReader reader;
    private final JavaSerialization serialization;
    private final List<TaskClosure<?, ?>> closures = new ArrayList<>();

    /**
     * @param reader        the pool's closure table.
     * @param serialization Java serialization behind the allow-list.
     */
    public ClosureCache(final ClosureTableReader reader, final JavaSerialization serialization)
    {
        this.reader = reader;
        this.serialization = serialization;
    }

    /**
     * @param closureId id from a task.
     * @return its name; the definition is loaded if needed.
     * @throws ProtocolException if the id is beyond the published fence.
     */
    public String name(final int closureId)
    {
        return reader.definition(closureId).name();
    }

    /**
     * @param closureId id from a task.
     * @return the closure's serialized definition, empty if it is beyond the fence.
     */
    public byte[] bytes(final int closureId)
    {
        try
        {
            return reader.definition(closureId).bytes();
        }
        catch (final ProtocolException ex)
        {
            return new byte[0];
        }
    }

    /**
     * @param closureId id from a task.
     * @return the closure, deserialized on first use.
     * @throws ProtocolException        if the id is beyond the published fence.
     * @throws IllegalArgumentException if the closure cannot be deserialized.
     */
    public TaskClosure<?, ?> closure(final int closureId)
    {
        if (closureId >= 0 && closureId < closures.size() && null != closures.get(closureId))
        {
            return closures.get(closureId);
        }
        final ClosureDefinition definition = reader.definition(closureId);
        if (ClosureEncoding.CODEC_ID != definition.codecId())
        {
            throw new ProtocolException(definition + " has unknown codec " + definition.codecId());
        }
        final TaskClosure<?, ?> closure;
        try
        {
            closure = ClosureEncoding.decode(definition.bytes(), serialization);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("closure '" + definition.name() + "' cannot be deserialized: " +
                ex.getMessage(), ex);
        }
        while (closures.size() <= closureId)
        {
            closures.add(null);
        }
        closures.set(closureId, closure);
        return closure;
    }
}

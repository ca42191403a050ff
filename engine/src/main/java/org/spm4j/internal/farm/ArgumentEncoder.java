package org.spm4j.internal.farm;

import java.util.List;

import org.agrona.ExpandableArrayBuffer;
import org.spm4j.Closure;
import org.spm4j.internal.codec.LargeValues;
import org.spm4j.shm.ValueSegments;
import org.spm4j.shm.mailbox.ElementPayloads;

/**
 * How a farm's arguments become bytes, on the caller's thread: inline when they fit a task message (or a chunk's
 * element), else in a segment the bytes reference; a bad argument, or one too large for the pool root's file
 * system, fails the call before any task is sent. Thread-safe.
 */
final class ArgumentEncoder
{
    private final FarmHost pool;
    private final LargeValues values;

    ArgumentEncoder(final FarmHost pool, final LargeValues values)
    {
        this.pool = pool;
        this.values = values;
    }

    /**
     * @return where arguments too large for a message go.
     */
    ValueSegments segments()
    {
        return values.segments();
    }

    /**
     * @param reserved bytes the caller will add to the encoded argument, counted against the limit.
     * @return the encoded argument, at its exact length.
     */
    byte[] encode(final Closure<?, ?> closure, final Object argument, final int reserved)
    {
        final EncodeBuffer scratch = EncodeBuffer.take();
        try
        {
            final ExpandableArrayBuffer buffer = scratch.buffer();
            final int length = encodeInto(closure, argument, buffer, 0, pool.maxArgumentLength() - reserved);
            final byte[] bytes = new byte[length];
            buffer.getBytes(0, bytes);
            return bytes;
        }
        finally
        {
            scratch.give();
        }
    }

    /**
     * Encode every argument of a map before any is sent, so that a bad one fails the map before any task runs.
     *
     * @param spilled gets the segments of the arguments too large for a message; deleted at once if one fails.
     * @return them packed.
     */
    PackedArguments pack(final Closure<?, ?> closure, final List<?> arguments, final SpilledArguments spilled)
    {
        final int maxElement = pool.maxArgumentLength() - ElementPayloads.ARGUMENTS_HEADER_LENGTH -
            ElementPayloads.ELEMENT_OVERHEAD;
        try
        {
            return PackedArguments.encode(arguments.size(), (index, buffer, offset) ->
            {
                final int length = encodeInto(closure, arguments.get(index), buffer, offset, maxElement);
                spilled.add(buffer, offset, length);
                return length;
            });
        }
        catch (final RuntimeException | Error ex)
        {
            spilled.deleteNow();
            throw ex;
        }
    }

    /**
     * @param limit the most bytes the encoded argument may take in a task message; a larger one goes to a segment.
     * @return its length.
     */
    private int encodeInto(
        final Closure<?, ?> closure,
        final Object argument,
        final ExpandableArrayBuffer buffer,
        final int offset,
        final int limit)
    {
        final int length;
        try
        {
            length = values.encodeInline(argument, buffer, offset);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("argument for " + closure + " " + ex.getMessage(), ex.getCause());
        }
        try
        {
            return values.spillIfOver(buffer, offset, length, limit);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("argument for " + closure + " does not fit: " + ex.getMessage(), ex);
        }
    }
}

package org.spm4j.internal.farm;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.shm.mailbox.ElementPayloads;

/**
 * The encoded arguments of a map, one after another as a chunk holds them, cut into chunks in order: encoded
 * before any is sent, so that a bad argument fails the map before any task runs, and into one buffer, so that a
 * long map costs a few bytes per argument rather than an object. Caller's thread only.
 */
final class PackedArguments
{
    private static final int MAX_SLACK = 1024 * 1024;

    /**
     * Encodes one argument.
     */
    @FunctionalInterface
    interface Encoder
    {
        /**
         * @param index  the argument's place in the map.
         * @param buffer where it goes.
         * @param offset where it starts.
         * @return its encoded length.
         */
        int encode(int index, ExpandableArrayBuffer buffer, int offset);
    }

    private final ExpandableArrayBuffer packed;
    private final int count;
    private int nextElement;
    private int nextOffset;

    private PackedArguments(final ExpandableArrayBuffer packed, final int count)
    {
        this.packed = packed;
        this.count = count;
    }

    /**
     * @param count   how many arguments.
     * @param encoder encodes each.
     * @return them packed.
     */
    static PackedArguments encode(final int count, final Encoder encoder)
    {
        ExpandableArrayBuffer packed = new ExpandableArrayBuffer(Math.max(64, count * 8));
        int offset = 0;
        for (int i = 0; i < count; i++)
        {
            final int length = encoder.encode(i, packed, offset + ElementPayloads.ELEMENT_OVERHEAD);
            packed.putInt(offset, length);
            offset += ElementPayloads.ELEMENT_OVERHEAD + length;
            packed = withoutSlack(packed, offset);
        }
        return new PackedArguments(packed, count);
    }

    /**
     * An argument encoded here, then moved to a segment, leaves the buffer grown to its size: let that go rather
     * than keep it for the whole map.
     */
    private static ExpandableArrayBuffer withoutSlack(final ExpandableArrayBuffer packed, final int used)
    {
        if (packed.capacity() <= MAX_SLACK || packed.capacity() / 2 <= used)
        {
            return packed;
        }
        final ExpandableArrayBuffer fitted = new ExpandableArrayBuffer(Math.max(64, used + used / 2));
        fitted.putBytes(0, packed, 0, used);
        return fitted;
    }

    /**
     * @return the index of the next argument to cut.
     */
    int nextElement()
    {
        return nextElement;
    }

    /**
     * @return arguments not cut yet.
     */
    int remaining()
    {
        return count - nextElement;
    }

    /**
     * Cut the next chunk: up to {@code maxElements} arguments, fewer if more would take over {@code maxBytes}, one
     * at least.
     *
     * @return the chunk's arguments as {@link ElementPayloads} lays them out.
     */
    byte[] cut(final int maxElements, final int maxBytes)
    {
        int elements = 0;
        int end = nextOffset;
        while (nextElement + elements < count && elements < maxElements)
        {
            final int next = end + ElementPayloads.ELEMENT_OVERHEAD + packed.getInt(end);
            if (elements > 0 && ElementPayloads.ARGUMENTS_HEADER_LENGTH + next - nextOffset > maxBytes)
            {
                break;
            }
            end = next;
            elements++;
        }
        final byte[] chunk = new byte[ElementPayloads.ARGUMENTS_HEADER_LENGTH + end - nextOffset];
        final UnsafeBuffer buffer = new UnsafeBuffer(chunk);
        buffer.putInt(0, elements);
        buffer.putBytes(ElementPayloads.ARGUMENTS_HEADER_LENGTH, packed, nextOffset, end - nextOffset);
        nextElement += elements;
        nextOffset = end;
        return chunk;
    }
}

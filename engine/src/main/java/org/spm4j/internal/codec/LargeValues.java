package org.spm4j.internal.codec;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.spm4j.Codec;
import org.spm4j.shm.ValueDescriptor;
import org.spm4j.shm.ValueSegments;

/**
 * Task arguments and results of any size: the pool's codec behind a form byte, the value inline when it fits the
 * message it goes in, or in a {@link ValueSegments segment} that the message references otherwise, as
 * {@link ValueDescriptor} lays out. The codec never sees the difference: it encodes into a buffer and decodes from
 * one, an inline value's or a read-only mapping of the segment, unmapped once the codec returns. Who deletes a
 * segment is the caller's to know: the hub deletes an argument's once its task ends, and a result's once decoded
 * ({@link #take}) or dropped. Thread-safe if the codec is.
 */
public final class LargeValues
{
    private final Codec codec;
    private final ValueSegments segments;

    /**
     * @param codec    the pool's codec.
     * @param segments where values too large for a message go, written as this side of the pool writes them.
     */
    public LargeValues(final Codec codec, final ValueSegments segments)
    {
        this.codec = codec;
        this.segments = segments;
    }

    /**
     * @return the pool's codec, which messages other than arguments and results go through as they are.
     */
    public Codec codec()
    {
        return codec;
    }

    /**
     * @return the segments values go to.
     */
    public ValueSegments segments()
    {
        return segments;
    }

    /**
     * Encode a value inline, whatever its size; {@link #spillIfOver} then moves it to a segment if it is too large.
     *
     * @param value  the value.
     * @param buffer where it goes.
     * @param offset where it starts.
     * @return bytes written.
     * @throws IllegalArgumentException from the codec, if the value cannot be encoded.
     */
    public int encodeInline(final Object value, final ExpandableArrayBuffer buffer, final int offset)
    {
        final int codecLength = codec.encode(value, buffer, offset + ValueDescriptor.FORM_LENGTH);
        buffer.putByte(offset, ValueDescriptor.INLINE);
        return ValueDescriptor.FORM_LENGTH + codecLength;
    }

    /**
     * @param buffer holding a value {@link #encodeInline encoded inline}.
     * @param offset where it starts.
     * @param length its length.
     * @param limit  the most bytes it may take where it goes.
     * @return its length, or, if it was over the limit, that of the reference to the segment it went to, written
     *         at {@code offset} in its place.
     * @throws IllegalArgumentException if the segment does not fit the pool root's file system, naming the
     *                                  length, the free bytes and the path.
     */
    public int spillIfOver(final ExpandableArrayBuffer buffer, final int offset, final int length, final int limit)
    {
        if (length <= limit)
        {
            return length;
        }
        if (limit < ValueDescriptor.MAX_REFERENCE_LENGTH)
        {
            throw new IllegalStateException("a limit of " + limit + " bytes leaves no room for the " +
                ValueDescriptor.MAX_REFERENCE_LENGTH + " of a reference to a value segment");
        }
        final int codecLength = length - ValueDescriptor.FORM_LENGTH;
        final String name = segments.write(buffer.byteArray(), offset + ValueDescriptor.FORM_LENGTH, codecLength);
        return ValueDescriptor.putReference(buffer, offset, codecLength, name);
    }

    /**
     * @param buffer holding an encoded value.
     * @param offset where it starts.
     * @param length its length.
     * @return the name of the segment it references, null if it is inline.
     */
    public static String segmentOf(final DirectBuffer buffer, final int offset, final int length)
    {
        return ValueDescriptor.SEGMENT == ValueDescriptor.form(buffer, offset, length) ?
            ValueDescriptor.segmentName(buffer, offset, length) : null;
    }

    /**
     * @param buffer holding an encoded value.
     * @param offset where it starts.
     * @param length its length.
     * @return the value, decoded by the codec from the buffer or from its segment, which stays.
     * @throws IllegalArgumentException if the codec cannot decode it, or its form or segment is not as it should be.
     */
    public Object decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte form = ValueDescriptor.form(buffer, offset, length);
        if (ValueDescriptor.INLINE == form)
        {
            return codec.decode(buffer, offset + ValueDescriptor.FORM_LENGTH, length - ValueDescriptor.FORM_LENGTH);
        }
        if (ValueDescriptor.SEGMENT != form)
        {
            throw new IllegalArgumentException("an encoded value of unknown form " + form);
        }
        final int codecLength = ValueDescriptor.codecLength(buffer, offset, length);
        try (ValueSegments.Mapping segment =
            segments.map(ValueDescriptor.segmentName(buffer, offset, length), codecLength))
        {
            return codec.decode(segment.buffer(), 0, codecLength);
        }
    }

    /**
     * Decode a result a spoke sent; its segment, if it has one, goes whether or not it decodes.
     *
     * @param buffer holding an encoded result.
     * @param offset where it starts.
     * @param length its length.
     * @return the value.
     * @throws IllegalArgumentException as {@link #decode} does.
     */
    public Object take(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            return decode(buffer, offset, length);
        }
        finally
        {
            segments.discardResult(buffer, offset, length);
        }
    }
}

package org.spm4j.shm;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.agrona.BitUtil.SIZE_OF_BYTE;
import static org.agrona.BitUtil.SIZE_OF_INT;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * How every encoded task argument and result starts, in a TASK message, a STATUS message, a chunk's element and an
 * error journal record: a form byte, then the codec's bytes themselves ({@link #INLINE}), or a reference to the
 * {@link ValueSegments segment} that holds them when they are too large for a message ({@link #SEGMENT}). A
 * journal record keeps a spilled argument inline when it fits the record; otherwise it keeps only its length
 * ({@link #NOT_KEPT}). Values are in the machine's native byte order; they never leave the machine.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  INLINE (0)   |  the codec's bytes                           ...
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  SEGMENT (1)  |  the codec's length (int, > 0)                |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |               |  the segment's file name, US-ASCII, to the   ...
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  NOT_KEPT (2) |  the codec's length (int, > 0)                |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |               |
 *  +-+-+-+-+-+-+-+-+
 * </pre>
 * Stateless.
 */
public final class ValueDescriptor
{
    /** Form of a value whose codec bytes follow. */
    public static final byte INLINE = 0;
    /** Form of a value whose codec bytes are in a segment file. */
    public static final byte SEGMENT = 1;
    /** Form of a journal record's argument too large to keep: only its length follows. */
    public static final byte NOT_KEPT = 2;

    /** Bytes of the form. */
    public static final int FORM_LENGTH = SIZE_OF_BYTE;
    /** Offset of the codec's length in a {@link #SEGMENT} or {@link #NOT_KEPT} value. */
    public static final int LENGTH_OFFSET = FORM_LENGTH;
    /** Offset of the segment's name in a {@link #SEGMENT} value. */
    public static final int NAME_OFFSET = LENGTH_OFFSET + SIZE_OF_INT;
    /** Bytes of a {@link #NOT_KEPT} value. */
    public static final int NOT_KEPT_LENGTH = NAME_OFFSET;
    /** The most bytes a {@link #SEGMENT} value takes. */
    public static final int MAX_REFERENCE_LENGTH = NAME_OFFSET + ValueSegments.MAX_NAME_LENGTH;

    private ValueDescriptor()
    {
    }

    /**
     * @param buffer holding an encoded value.
     * @param offset where it starts.
     * @param length its length.
     * @return its form: {@link #INLINE}, {@link #SEGMENT}, {@link #NOT_KEPT} or another byte a forged or mangled
     *         value may hold.
     * @throws IllegalArgumentException if it is empty, without even its form.
     */
    public static byte form(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < FORM_LENGTH)
        {
            throw new IllegalArgumentException("an encoded value needs at least its 1-byte form, got 0 bytes");
        }
        return buffer.getByte(offset);
    }

    /**
     * @param buffer       where the reference goes.
     * @param offset       where it starts.
     * @param codecLength  the length of the codec's bytes in the segment.
     * @param segmentName  the segment's file name, as {@link ValueSegments} names it.
     * @return bytes written.
     */
    public static int putReference(
        final MutableDirectBuffer buffer, final int offset, final int codecLength, final String segmentName)
    {
        buffer.putByte(offset, SEGMENT);
        buffer.putInt(offset + LENGTH_OFFSET, codecLength);
        final byte[] name = segmentName.getBytes(US_ASCII);
        buffer.putBytes(offset + NAME_OFFSET, name);
        return NAME_OFFSET + name.length;
    }

    /**
     * @param buffer      where the value goes.
     * @param offset      where it starts.
     * @param codecLength the length of the codec's bytes left out.
     * @return bytes written.
     */
    public static int putNotKept(final MutableDirectBuffer buffer, final int offset, final int codecLength)
    {
        buffer.putByte(offset, NOT_KEPT);
        buffer.putInt(offset + LENGTH_OFFSET, codecLength);
        return NOT_KEPT_LENGTH;
    }

    /**
     * @param buffer holding a {@link #SEGMENT} or {@link #NOT_KEPT} value.
     * @param offset where it starts.
     * @param length its length.
     * @return the length of the codec's bytes it stands for.
     * @throws IllegalArgumentException if the value is too short or the length not positive.
     */
    public static int codecLength(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < NAME_OFFSET)
        {
            throw new IllegalArgumentException("an encoded value of form " + buffer.getByte(offset) + " needs at " +
                "least " + NAME_OFFSET + " bytes, got " + length);
        }
        final int codecLength = buffer.getInt(offset + LENGTH_OFFSET);
        if (codecLength <= 0)
        {
            throw new IllegalArgumentException("an encoded value of form " + buffer.getByte(offset) + " names " +
                codecLength + " bytes");
        }
        return codecLength;
    }

    /**
     * @param buffer holding a {@link #SEGMENT} value.
     * @param offset where it starts.
     * @param length its length.
     * @return the segment's file name.
     * @throws IllegalArgumentException if the value is too short or too long, or the name is not one
     *                                  {@link ValueSegments} makes.
     */
    public static String segmentName(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= NAME_OFFSET || length > MAX_REFERENCE_LENGTH)
        {
            throw new IllegalArgumentException("a reference to a value segment of " + length + " bytes; it takes " +
                (NAME_OFFSET + 1) + " to " + MAX_REFERENCE_LENGTH);
        }
        final byte[] name = new byte[length - NAME_OFFSET];
        buffer.getBytes(offset + NAME_OFFSET, name);
        return ValueSegments.checkName(new String(name, US_ASCII));
    }
}

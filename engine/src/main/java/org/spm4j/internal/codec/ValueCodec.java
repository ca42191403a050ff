package org.spm4j.internal.codec;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.spm4j.Codec;

/**
 * The default codec: a one-byte tag, then the value. Boxed primitives, String and byte[] are written
 * directly; anything else goes through {@link JavaSerialization} and its allow-list. Thread-safe.
 */
public final class ValueCodec implements Codec
{
    private static final byte NULL = 0;
    private static final byte INT = 1;
    private static final byte LONG = 2;
    private static final byte DOUBLE = 3;
    private static final byte FLOAT = 4;
    private static final byte SHORT = 5;
    private static final byte BYTE = 6;
    private static final byte CHAR = 7;
    private static final byte BOOLEAN = 8;
    private static final byte STRING = 9;
    private static final byte BYTES = 10;
    private static final byte SERIALIZED = 11;
    private static final int[] FIXED_LENGTHS = { 0, 4, 8, 8, 4, 2, 1, 2, 1 };

    private final JavaSerialization serialization;

    /**
     * @param serialization the fallback for values without a direct form.
     */
    public ValueCodec(final JavaSerialization serialization)
    {
        this.serialization = serialization;
    }

    @Override
    public int encode(final Object value, final ExpandableArrayBuffer buffer, final int offset)
    {
        final int body = offset + 1;
        if (null == value)
        {
            return tag(buffer, offset, NULL);
        }
        else if (value instanceof Integer v)
        {
            buffer.putInt(body, v);
            return tag(buffer, offset, INT) + Integer.BYTES;
        }
        else if (value instanceof Long v)
        {
            buffer.putLong(body, v);
            return tag(buffer, offset, LONG) + Long.BYTES;
        }
        else if (value instanceof Double v)
        {
            buffer.putDouble(body, v);
            return tag(buffer, offset, DOUBLE) + Double.BYTES;
        }
        else if (value instanceof String v)
        {
            final byte[] bytes = v.getBytes(UTF_8);
            buffer.putBytes(body, bytes);
            return tag(buffer, offset, STRING) + bytes.length;
        }
        else if (value instanceof byte[] v)
        {
            buffer.putBytes(body, v);
            return tag(buffer, offset, BYTES) + v.length;
        }
        else if (value instanceof Float v)
        {
            buffer.putFloat(body, v);
            return tag(buffer, offset, FLOAT) + Float.BYTES;
        }
        else if (value instanceof Short v)
        {
            buffer.putShort(body, v);
            return tag(buffer, offset, SHORT) + Short.BYTES;
        }
        else if (value instanceof Byte v)
        {
            buffer.putByte(body, v);
            return tag(buffer, offset, BYTE) + Byte.BYTES;
        }
        else if (value instanceof Character v)
        {
            buffer.putChar(body, v);
            return tag(buffer, offset, CHAR) + Character.BYTES;
        }
        else if (value instanceof Boolean v)
        {
            buffer.putByte(body, (byte)(v ? 1 : 0));
            return tag(buffer, offset, BOOLEAN) + 1;
        }
        final byte[] bytes = serialization.serialize(value);
        buffer.putBytes(body, bytes);
        return tag(buffer, offset, SERIALIZED) + bytes.length;
    }

    @Override
    public Object decode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 1)
        {
            throw new IllegalArgumentException("an encoded value needs at least its 1-byte tag, got 0 bytes");
        }
        final byte tag = buffer.getByte(offset);
        final int body = offset + 1;
        final int bodyLength = length - 1;
        if (tag >= NULL && tag <= BOOLEAN && bodyLength != FIXED_LENGTHS[tag])
        {
            throw new IllegalArgumentException("encoded value with tag " + tag + " has " + bodyLength +
                " bytes instead of " + FIXED_LENGTHS[tag]);
        }
        return switch (tag)
        {
            case NULL -> null;
            case INT -> buffer.getInt(body);
            case LONG -> buffer.getLong(body);
            case DOUBLE -> buffer.getDouble(body);
            case FLOAT -> buffer.getFloat(body);
            case SHORT -> buffer.getShort(body);
            case BYTE -> buffer.getByte(body);
            case CHAR -> buffer.getChar(body);
            case BOOLEAN -> buffer.getByte(body) != 0;
            case STRING -> buffer.getStringWithoutLengthUtf8(body, bodyLength);
            case BYTES -> copy(buffer, body, bodyLength);
            case SERIALIZED -> serialization.deserialize(copy(buffer, body, bodyLength));
            default -> throw new IllegalArgumentException("encoded value has unknown tag " + tag);
        };
    }

    private static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    private static int tag(final ExpandableArrayBuffer buffer, final int offset, final byte tag)
    {
        buffer.putByte(offset, tag);
        return 1;
    }
}

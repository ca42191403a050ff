package org.spm4j;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * A user codec that turns every value into its text, so a test can see which codec a spoke used.
 */
public final class TextCodec implements Codec
{
    @Override
    public int encode(final Object value, final ExpandableArrayBuffer buffer, final int offset)
    {
        final byte[] text = String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        buffer.putBytes(offset, text);
        return text.length;
    }

    @Override
    public Object decode(final DirectBuffer buffer, final int offset, final int length)
    {
        return buffer.getStringWithoutLengthUtf8(offset, length);
    }
}

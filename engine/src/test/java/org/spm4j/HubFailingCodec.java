package org.spm4j;

import org.agrona.DirectBuffer;

/**
 * A text codec that runs out of memory when the hub decodes the result {@value #FATAL_RESULT}, as a hub
 * short of heap would: spokes never decode results, so only the hub thread meets the error.
 */
public final class HubFailingCodec implements Codec
{
    /** The result whose decoding throws an {@link OutOfMemoryError}. */
    public static final String FATAL_RESULT = "the hub runs out of memory";

    private final TextCodec text = new TextCodec();

    @Override
    public int encode(final Object value, final org.agrona.ExpandableArrayBuffer buffer, final int offset)
    {
        return text.encode(value, buffer, offset);
    }

    @Override
    public Object decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final Object value = text.decode(buffer, offset, length);
        if (FATAL_RESULT.equals(value))
        {
            throw new OutOfMemoryError("Java heap space (" + HubFailingCodec.class.getSimpleName() + ")");
        }
        return value;
    }
}

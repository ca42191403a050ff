package org.spm4j.internal.journal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import org.spm4j.internal.codec.AllowListFilter;
import org.spm4j.internal.codec.JavaSerialization;

/**
 * An exception's serialized form, carried in its journal record so the hub can rebuild the original
 * where its class loads. Either side may find it impossible; then the text form stands in.
 */
public final class ExceptionBytes
{
    private static final byte[] NONE = new byte[0];

    private ExceptionBytes()
    {
    }

    static byte[] serialize(final Throwable throwable)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(throwable);
            return bytes.toByteArray();
        }
        catch (final IOException | RuntimeException | StackOverflowError ex)
        {
            return NONE;
        }
    }

    static Throwable deserialize(final byte[] bytes, final AllowListFilter filter)
    {
        if (0 == bytes.length)
        {
            return null;
        }
        try
        {
            return JavaSerialization.deserialize(bytes, filter) instanceof Throwable throwable ? throwable : null;
        }
        catch (final IllegalArgumentException | LinkageError ex)
        {
            return null;
        }
    }
}

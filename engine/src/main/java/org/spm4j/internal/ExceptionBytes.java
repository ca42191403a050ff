package org.spm4j.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * An exception's serialized form, carried in its journal record so the hub can rebuild the original
 * where its class loads. Either side may find it impossible; then the text form stands in.
 */
final class ExceptionBytes
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
        catch (final IOException | RuntimeException ex)
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
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)))
        {
            in.setObjectInputFilter(filter);
            return in.readObject() instanceof Throwable throwable ? throwable : null;
        }
        catch (final IOException | ClassNotFoundException | RuntimeException | LinkageError ex)
        {
            return null;
        }
    }
}

package org.spm4j.internal.journal;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;

import org.spm4j.internal.codec.AllowListFilter;
import org.spm4j.internal.codec.JavaSerialization;

/**
 * An exception's serialized form, carried in its journal record so the hub can rebuild the original
 * where its class loads. Either side may find it impossible; then the text form stands in. An exception
 * too big to serialize in {@link #MAX_LENGTH} bytes (thousands of suppressed exceptions, an endless cause
 * chain) or whose serialization throws anything at all has no bytes.
 */
public final class ExceptionBytes
{
    /** Most bytes of a serialized exception: a journal record drops bigger ones first anyway. */
    static final int MAX_LENGTH = 1 << 20;

    private static final byte[] NONE = new byte[0];

    private ExceptionBytes()
    {
    }

    static byte[] serialize(final Throwable throwable)
    {
        final BoundedBytes bytes = new BoundedBytes();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(throwable);
            out.flush();
            return bytes.toByteArray();
        }
        catch (final Throwable ex)
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

    private static final class BoundedBytes extends ByteArrayOutputStream
    {
        BoundedBytes()
        {
            super(1024);
        }

        @Override
        public synchronized void write(final int b)
        {
            checkRoom(1);
            super.write(b);
        }

        @Override
        public synchronized void write(final byte[] b, final int off, final int len)
        {
            checkRoom(len);
            super.write(b, off, len);
        }

        private void checkRoom(final int length)
        {
            if (count + length > MAX_LENGTH)
            {
                throw new IllegalStateException("a serialized exception over " + MAX_LENGTH + " bytes is not kept");
            }
        }
    }
}

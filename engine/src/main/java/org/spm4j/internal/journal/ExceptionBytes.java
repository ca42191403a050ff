package org.spm4j.internal.journal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.spm4j.internal.codec.AllowListFilter;
import org.spm4j.internal.codec.JavaSerialization;

/**
 * An exception's serialized form, carried in its journal record so the hub can rebuild the original
 * where its class loads. Either side may find it impossible; then the text form stands in. An exception
 * too big to serialize in {@link #MAX_LENGTH} bytes (thousands of suppressed exceptions, an endless cause
 * chain) or whose serialization throws anything at all has no bytes.
 * <p>
 * Each thread keeps one object stream and its buffer and resets the stream between exceptions, and the stream
 * writes each stack trace as {@link SerializedFrames}: the serialized form of the first equal stack trace it met,
 * kept for the next ones (up to {@link #MOST_KEPT_STACK_TRACES}), since the failures of a run mostly come from a
 * few places. Read back, the exception is the one plain serialization gives, but that an element of its stack
 * trace prints like the first equal one the stream met: they differ only where a class loader or a module is
 * named like one of the JDK's without being it.
 */
public final class ExceptionBytes
{
    /** Most bytes of a serialized exception: a journal record drops bigger ones first anyway. */
    static final int MAX_LENGTH = 1 << 20;

    /** Most distinct stack traces a thread keeps the serialized form of. */
    static final int MOST_KEPT_STACK_TRACES = 256;

    private static final byte[] NONE = new byte[0];
    private static final ThreadLocal<Serializer> SERIALIZERS = new ThreadLocal<>();

    private ExceptionBytes()
    {
    }

    static byte[] serialize(final Throwable throwable)
    {
        Serializer serializer = SERIALIZERS.get();
        try
        {
            if (null == serializer)
            {
                serializer = new Serializer();
                SERIALIZERS.set(serializer);
            }
            return serializer.serialize(throwable);
        }
        catch (final Throwable ex)
        {
            // a stream that failed half way through an object is not trusted with the next one
            SERIALIZERS.remove();
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

    /**
     * An object stream whose bytes start again after its header for each object, with its handles reset.
     */
    private static final class Serializer
    {
        private final BoundedBytes bytes = new BoundedBytes();
        private final ObjectOutputStream out;
        private final int headerLength;

        Serializer() throws IOException
        {
            out = new FramesKeepingStream(bytes);
            out.flush();
            headerLength = bytes.size();
        }

        byte[] serialize(final Throwable throwable) throws IOException
        {
            out.reset();
            out.flush();
            bytes.keep(headerLength);
            out.writeObject(throwable);
            out.flush();
            return bytes.toByteArray();
        }
    }

    /**
     * Writes each non-empty stack trace array as the {@link SerializedFrames} of an equal one met before.
     */
    private static final class FramesKeepingStream extends ObjectOutputStream
    {
        private final Map<Frames, SerializedFrames> kept = new HashMap<>();

        FramesKeepingStream(final OutputStream out) throws IOException
        {
            super(out);
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(final Object object) throws IOException
        {
            if (object instanceof StackTraceElement[] stackTrace && stackTrace.length > 0)
            {
                final Frames frames = new Frames(stackTrace);
                SerializedFrames serialized = kept.get(frames);
                if (null == serialized)
                {
                    if (kept.size() >= MOST_KEPT_STACK_TRACES)
                    {
                        kept.clear();
                    }
                    serialized = SerializedFrames.of(stackTrace);
                    kept.put(frames, serialized);
                }
                return serialized;
            }
            return object;
        }
    }

    /**
     * A stack trace as a key: equal when every element is.
     */
    private static final class Frames
    {
        private final StackTraceElement[] elements;
        private final int hash;

        Frames(final StackTraceElement[] elements)
        {
            this.elements = elements;
            this.hash = Arrays.hashCode(elements);
        }

        @Override
        public boolean equals(final Object other)
        {
            return other instanceof Frames frames && hash == frames.hash && Arrays.equals(elements, frames.elements);
        }

        @Override
        public int hashCode()
        {
            return hash;
        }
    }

    private static final class BoundedBytes extends ByteArrayOutputStream
    {
        BoundedBytes()
        {
            super(4096);
        }

        /**
         * Forget what was written after the first {@code length} bytes.
         */
        void keep(final int length)
        {
            count = length;
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

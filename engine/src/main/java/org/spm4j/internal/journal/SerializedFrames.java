package org.spm4j.internal.journal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * Stands in a serialized exception for one of its stack trace arrays, carrying the array's own serialized form,
 * which the stream that writes the exception keeps for the next failure thrown from the same place: serializing
 * a stack trace costs more than the rest of an exception, and the failures of a run mostly repeat a few. Read
 * back, it resolves to the array, so the exception comes out as plain serialization makes it. Immutable.
 */
final class SerializedFrames implements Serializable
{
    private static final long serialVersionUID = 1L;

    private static final ObjectInputFilter FRAMES_ONLY =
        ObjectInputFilter.Config.createFilter("maxdepth=3;java.lang.StackTraceElement;!*");

    private transient byte[] bytes;

    private SerializedFrames(final byte[] bytes)
    {
        this.bytes = bytes;
    }

    /**
     * @param frames a stack trace.
     * @return it, serialized as a stream of its own.
     * @throws IOException if it cannot be.
     */
    static SerializedFrames of(final StackTraceElement[] frames) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * (1 + frames.length));
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(frames);
        }
        return new SerializedFrames(bytes.toByteArray());
    }

    private void writeObject(final ObjectOutputStream out) throws IOException
    {
        out.defaultWriteObject();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private void readObject(final ObjectInputStream in) throws IOException, ClassNotFoundException
    {
        in.defaultReadObject();
        final int length = in.readInt();
        if (length < 0 || length > ExceptionBytes.MAX_LENGTH)
        {
            throw new InvalidObjectException("serialized frames of " + length + " bytes");
        }
        bytes = new byte[length];
        in.readFully(bytes);
    }

    private Object readResolve() throws ObjectStreamException
    {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)))
        {
            in.setObjectInputFilter(FRAMES_ONLY);
            if (in.readObject() instanceof StackTraceElement[] frames)
            {
                return frames;
            }
        }
        catch (final IOException | ClassNotFoundException ex)
        {
            final InvalidObjectException invalid = new InvalidObjectException("serialized frames do not read: " + ex);
            invalid.initCause(ex);
            throw invalid;
        }
        throw new InvalidObjectException("serialized frames that are not a stack trace");
    }
}

package org.spm4j.internal.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.spm4j.internal.codec.AllowListFilter;

/**
 * The object stream a thread keeps for exceptions writes, for each, exactly the bytes a new stream would.
 */
class ExceptionBytesTest
{
    static final class Unserializable extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings({"unused", "serial"})
        private final Object lock = new Object();

        Unserializable()
        {
            super("holds a lock");
        }
    }

    @Test
    void shouldWriteWhatANewStreamWritesForEachExceptionAlsoAfterOneThatFailed() throws IOException
    {
        final IllegalStateException cause = new IllegalStateException("cause");
        final List<Throwable> exceptions = List.of(new IllegalArgumentException("first", cause),
            new IllegalArgumentException("second"), cause, new UnsupportedOperationException("after"));

        assertArrayEquals(newStream(exceptions.get(0)), ExceptionBytes.serialize(exceptions.get(0)));
        assertArrayEquals(newStream(exceptions.get(1)), ExceptionBytes.serialize(exceptions.get(1)));
        assertArrayEquals(newStream(exceptions.get(2)), ExceptionBytes.serialize(exceptions.get(2)));
        assertEquals(0, ExceptionBytes.serialize(new Unserializable()).length);
        assertArrayEquals(newStream(exceptions.get(3)), ExceptionBytes.serialize(exceptions.get(3)));

        final Throwable again = ExceptionBytes.deserialize(ExceptionBytes.serialize(exceptions.get(0)),
            new AllowListFilter(List.of()));
        assertEquals("first", assertInstanceOf(IllegalArgumentException.class, again).getMessage());
        assertEquals("cause", again.getCause().getMessage());
    }

    private static byte[] newStream(final Throwable throwable) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(throwable);
        }
        return bytes.toByteArray();
    }
}

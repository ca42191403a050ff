package org.spm4j.internal.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.spm4j.internal.codec.AllowListFilter;

/**
 * An exception read back from the bytes a thread's kept object stream wrote is the one plain serialization gives,
 * whatever the stream wrote before: stack traces it met already included, and after one that failed.
 */
class ExceptionBytesTest
{
    private static final AllowListFilter FILTER = new AllowListFilter(List.of());

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
    void shouldReadBackWhatPlainSerializationGivesAlsoForStackTracesMetBeforeAndAfterOneThatFailed() throws Exception
    {
        final IllegalStateException cause = thrownHere("cause", null);
        final IllegalArgumentException withCause = thrownHere("first", cause);
        withCause.addSuppressed(thrownHere("suppressed", null));
        final IllegalStateException noTrace = new IllegalStateException("no trace");
        noTrace.setStackTrace(new StackTraceElement[0]);
        final List<Throwable> exceptions = List.of(withCause, thrownHere("second", null), cause,
            thrownHere("third", null), noTrace);

        for (final Throwable exception : exceptions)
        {
            assertSame(plainRoundTrip(exception), ExceptionBytes.deserialize(ExceptionBytes.serialize(exception),
                FILTER));
        }
        assertEquals(0, ExceptionBytes.serialize(new Unserializable()).length);
        assertSame(plainRoundTrip(withCause), ExceptionBytes.deserialize(ExceptionBytes.serialize(withCause), FILTER));
        assertArrayEquals(ExceptionBytes.serialize(withCause), ExceptionBytes.serialize(withCause));
    }

    @Test
    void shouldReadNoExceptionFromBytesThatAreNotOne()
    {
        assertNull(ExceptionBytes.deserialize(new byte[] {1, 2, 3}, FILTER));
        assertNull(ExceptionBytes.deserialize(new byte[0], FILTER));
    }

    private static <T extends Throwable> T thrownHere(final String message, final Throwable cause)
    {
        @SuppressWarnings("unchecked")
        final T thrown = (T)(null == cause ? new IllegalStateException(message) :
            new IllegalArgumentException(message, cause));
        return thrown;
    }

    private static Throwable plainRoundTrip(final Throwable throwable) throws IOException, ClassNotFoundException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(throwable);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())))
        {
            return (Throwable)in.readObject();
        }
    }

    private static void assertSame(final Throwable expected, final Throwable actual)
    {
        assertEquals(expected.getClass(), actual.getClass());
        assertEquals(expected.getMessage(), actual.getMessage());
        assertArrayEquals(expected.getStackTrace(), actual.getStackTrace());
        assertEquals(Arrays.toString(expected.getStackTrace()), Arrays.toString(actual.getStackTrace()));
        assertEquals(expected.getSuppressed().length, actual.getSuppressed().length);
        for (int i = 0; i < expected.getSuppressed().length; i++)
        {
            assertSame(expected.getSuppressed()[i], actual.getSuppressed()[i]);
        }
        if (null == expected.getCause())
        {
            assertNull(actual.getCause());
        }
        else
        {
            assertSame(expected.getCause(), actual.getCause());
        }
    }
}

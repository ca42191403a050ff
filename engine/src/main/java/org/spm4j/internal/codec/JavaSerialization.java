package org.spm4j.internal.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * Java serialization as spm4j uses it: serializing explains which captured value or field is not
 * serializable; deserializing goes through an {@link AllowListFilter}. Thread-safe.
 */
public final class JavaSerialization
{
    private static final String TOO_DEEP = "nested too deeply (java.lang.StackOverflowError); values may be " +
        "nested at most " + AllowListFilter.MAX_DEPTH + " levels; " + AllowListFilter.FLATTEN;

    private final AllowListFilter filter;

    /**
     * @param filter decides which classes may be deserialized.
     */
    public JavaSerialization(final AllowListFilter filter)
    {
        this.filter = filter;
    }

    /**
     * @return the filter deserialization goes through.
     */
    public AllowListFilter filter()
    {
        return filter;
    }

    /**
     * @param value a value to serialize.
     * @return its bytes.
     * @throws IllegalArgumentException naming the path to what cannot be serialized.
     */
    public byte[] serialize(final Object value)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(value);
        }
        catch (final NotSerializableException ex)
        {
            throw new IllegalArgumentException("cannot serialize " + describe(value) + ": " +
                SerializationDiagnosis.findNotSerializable(value).orElse(ex.getMessage() + " is not Serializable"), ex);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new IllegalArgumentException("cannot serialize " + describe(value) + ": " + ex, ex);
        }
        catch (final StackOverflowError ex)
        {
            throw new IllegalArgumentException("cannot serialize " + describe(value) + ": its object graph is " +
                TOO_DEEP, ex);
        }
        return bytes.toByteArray();
    }

    /**
     * @param bytes serialized bytes.
     * @return the object, if every class in it is allowed.
     * @throws IllegalArgumentException naming a refused class, or why the bytes could not be read.
     */
    public Object deserialize(final byte[] bytes)
    {
        return deserialize(bytes, filter);
    }

    /**
     * @param bytes  serialized bytes.
     * @param filter the allow-list.
     * @return the object, if the filter lets every class and array in it through.
     * @throws IllegalArgumentException naming a refused class, or why the bytes could not be read.
     */
    public static Object deserialize(final byte[] bytes, final AllowListFilter filter)
    {
        final AllowListFilter.StreamFilter streamFilter = filter.forStream(bytes.length);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)))
        {
            in.setObjectInputFilter(streamFilter);
            return in.readObject();
        }
        catch (final IOException | ClassNotFoundException | RuntimeException ex)
        {
            final String refused = streamFilter.refusal();
            throw new IllegalArgumentException(null != refused ? refused : "cannot deserialize: " + ex, ex);
        }
        catch (final StackOverflowError ex)
        {
            throw new IllegalArgumentException("cannot deserialize: the object graph is " + TOO_DEEP, ex);
        }
    }

    private static String describe(final Object value)
    {
        return "a value of " + value.getClass().getName();
    }
}

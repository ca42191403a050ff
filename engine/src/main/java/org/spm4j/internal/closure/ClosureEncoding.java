package org.spm4j.internal.closure;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.spm4j.TaskClosure;
import org.spm4j.internal.codec.JavaSerialization;

/**
 * How a task closure is stored in the closure table: the packages its classes come from, which a
 * spoke adds to its deserialization allow-list, then the closure's serialized bytes. The hub is the
 * only writer of the table, so what it lists is trusted.
 */
public final class ClosureEncoding
{
    /** Codec id recorded in the closure table for this encoding. */
    static final int CODEC_ID = 1;

    private ClosureEncoding()
    {
    }

    static byte[] encode(final TaskClosure<?, ?> closure, final byte[] serialized)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(serialized.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            final List<String> packages = packagesOf(closure);
            out.writeShort(packages.size());
            for (final String packageName : packages)
            {
                out.writeUTF(packageName);
            }
            out.write(serialized);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /**
     * @param bytes         a definition as {@link #encode} wrote it.
     * @param serialization Java serialization behind the allow-list.
     * @return the closure.
     */
    public static TaskClosure<?, ?> decode(final byte[] bytes, final JavaSerialization serialization)
    {
        final ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        try (DataInputStream data = new DataInputStream(in))
        {
            for (int count = data.readUnsignedShort(); count > 0; count--)
            {
                serialization.filter().allowPackage(data.readUTF());
            }
            final Object closure = serialization.deserialize(in.readAllBytes());
            if (!(closure instanceof TaskClosure<?, ?> taskClosure))
            {
                throw new IllegalArgumentException("closure bytes hold a " + closure.getClass().getName() +
                    ", not a TaskClosure");
            }
            return taskClosure;
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("closure bytes are truncated: " + ex, ex);
        }
    }

    /**
     * @return the packages the hub and every spoke add to their allow-lists for this closure.
     */
    static List<String> packagesOf(final TaskClosure<?, ?> closure)
    {
        final List<String> packages = new ArrayList<>();
        packages.add(closure.getClass().getPackageName());
        return packages;
    }
}

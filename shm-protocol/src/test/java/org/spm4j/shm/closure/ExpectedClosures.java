package org.spm4j.shm.closure;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The deterministic definitions the closure table tests publish, so a reader in another process can
 * check each byte for byte.
 */
final class ExpectedClosures
{
    private ExpectedClosures()
    {
    }

    static String name(final int closureId)
    {
        return "closure-" + closureId + (closureId % 3 == 0 ? "-\u00e9t\u00e9" : "");
    }

    static int codecId(final int closureId)
    {
        return closureId % 7;
    }

    static byte[] bytes(final int closureId)
    {
        final byte[] bytes = new byte[closureId % 97];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)(closureId * 31 + i);
        }
        return bytes;
    }

    static int append(final ClosureTableWriter writer, final int closureId)
    {
        final byte[] bytes = bytes(closureId);
        return writer.append(name(closureId), codecId(closureId), new UnsafeBuffer(bytes), 0, bytes.length);
    }

    static String mismatch(final ClosureDefinition definition)
    {
        final int id = definition.closureId();
        if (!name(id).equals(definition.name()))
        {
            return "closure " + id + " has name " + definition.name();
        }
        if (codecId(id) != definition.codecId())
        {
            return "closure " + id + " has codec " + definition.codecId();
        }
        if (!java.util.Arrays.equals(bytes(id), definition.bytes()))
        {
            return "closure " + id + " has different bytes";
        }
        return null;
    }
}

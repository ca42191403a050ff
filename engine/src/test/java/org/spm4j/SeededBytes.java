package org.spm4j;

import java.util.zip.CRC32;

/**
 * Bytes made from a seed, and their checksum made without holding them all.
 */
final class SeededBytes
{
    private static final int BLOCK = 1 << 20;

    private SeededBytes()
    {
    }

    static byte[] of(final int length, final int seed)
    {
        final byte[] bytes = new byte[length];
        fill(bytes, 0, length, seed);
        return bytes;
    }

    static long crcOf(final int length, final int seed, final boolean inverted)
    {
        final CRC32 crc = new CRC32();
        final byte[] block = new byte[BLOCK];
        for (int from = 0; from < length; from += BLOCK)
        {
            final int count = Math.min(BLOCK, length - from);
            fill(block, from, count, seed);
            if (inverted)
            {
                invert(block);
            }
            crc.update(block, 0, count);
        }
        return crc.getValue();
    }

    static long crc(final byte[] bytes)
    {
        final CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    static byte[] invert(final byte[] bytes)
    {
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)~bytes[i];
        }
        return bytes;
    }

    /**
     * @param into  where the bytes go, from its start.
     * @param from  the place in the whole pattern of the first.
     * @param count how many.
     */
    private static void fill(final byte[] into, final int from, final int count, final int seed)
    {
        for (int i = 0; i < count; i++)
        {
            final int at = from + i;
            into[i] = (byte)(at * seed + (at >>> 11));
        }
    }
}

package org.spm4j.internal;

import java.nio.ByteBuffer;

/**
 * A crew task's argument: the rank and the crew's size, then the encoded user argument, the same for
 * every rank.
 */
final class CrewArguments
{
    static final int PREFIX_LENGTH = 2 * Integer.BYTES;

    private CrewArguments()
    {
    }

    static byte[] forRank(final int rank, final int size, final byte[] argument)
    {
        return ByteBuffer.allocate(PREFIX_LENGTH + argument.length)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .putInt(rank)
            .putInt(size)
            .put(argument)
            .array();
    }
}

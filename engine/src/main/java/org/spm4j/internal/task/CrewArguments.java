package org.spm4j.internal.task;

import java.nio.ByteBuffer;

/**
 * A crew task's argument: the rank and the crew's size, then the encoded user argument, the same for
 * every rank.
 */
public final class CrewArguments
{
    public static final int PREFIX_LENGTH = 2 * Integer.BYTES;

    private CrewArguments()
    {
    }

    /**
     * @param rank     the rank.
     * @param size     the crew's size.
     * @param argument the encoded argument every rank gets.
     * @return the argument with the rank and size in front.
     */
    public static byte[] forRank(final int rank, final int size, final byte[] argument)
    {
        return ByteBuffer.allocate(PREFIX_LENGTH + argument.length)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .putInt(rank)
            .putInt(size)
            .put(argument)
            .array();
    }
}

package org.spm4j.internal.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.spm4j.shm.mailbox.ElementPayloads;

/**
 * Chunks are sized by time, shrink towards a map's end, and never outgrow a message.
 */
class ChunkSizerTest
{
    @Test
    void shouldSizeChunksByTimeAndShrinkThemTowardsTheEnd()
    {
        final ChunkSizer sizer = new ChunkSizer(FarmOptions.AUTO_CHUNK_SIZE);
        assertEquals(1, sizer.nextSize(1_000_000, 4), "untimed");

        sizer.record(100, 10_000);

        assertEquals(10_000, sizer.nextSize(1_000_000, 4), "100 ns each: 1 ms of them");
        assertEquals(125, sizer.nextSize(1_000, 4), "a spoke's share of what is left, halved");
        assertEquals(1, sizer.nextSize(1, 4));
    }

    @Test
    void shouldWeighTheLatestTimingAsMuchAsAllBefore()
    {
        final ChunkSizer sizer = new ChunkSizer(FarmOptions.AUTO_CHUNK_SIZE);
        sizer.record(1, 2_000_000);
        sizer.record(1_000, 1_000);

        assertEquals(1, sizer.nextSize(1_000_000, 1), "1 ms a task on average: one at a time");
        sizer.record(1_000, 1_000);
        sizer.record(1_000, 1_000);

        assertEquals(3, sizer.nextSize(1_000_000, 1), "halved each time: 250 us a task");
    }

    @Test
    void shouldKeepAFixedSize()
    {
        final ChunkSizer sizer = new ChunkSizer(50);
        sizer.record(1_000, 1_000);

        assertEquals(50, sizer.nextSize(1_000_000, 2));
        assertEquals(7, sizer.nextSize(7, 2));
    }

    @Test
    void shouldCutChunksThatFitAMessageInOrder()
    {
        final PackedArguments packed = PackedArguments.encode(10, (index, buffer, offset) ->
        {
            buffer.setMemory(offset, index, (byte)index);
            return index;
        });

        final byte[] first = packed.cut(100, ElementPayloads.ARGUMENTS_HEADER_LENGTH + 4 * 4 + 0 + 1 + 2 + 3);
        final UnsafeBuffer chunk = new UnsafeBuffer(first);
        assertEquals(4, chunk.getInt(0), "elements 0 to 3 fill the bytes given");
        assertEquals(4, packed.nextElement());

        final UnsafeBuffer second = new UnsafeBuffer(packed.cut(2, Integer.MAX_VALUE));
        assertEquals(2, second.getInt(0));
        assertEquals(4, second.getInt(ElementPayloads.ARGUMENTS_HEADER_LENGTH), "element 4 is 4 bytes");

        final UnsafeBuffer alone = new UnsafeBuffer(packed.cut(100, 1));
        assertEquals(1, alone.getInt(0), "a chunk takes one element even if it is too big, to be refused there");
        assertEquals(3, packed.remaining());
    }
}

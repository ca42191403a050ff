package org.spm4j.shm.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.spm4j.shm.ProtocolException;

/**
 * A chunk's status entries read back as written, and a malformed part is refused, not read past its end.
 */
class ElementPayloadsTest
{
    private final ExpandableArrayBuffer part = new ExpandableArrayBuffer(64);
    private final List<String> seen = new ArrayList<>();
    private final ElementPayloads.EntryHandler recorder = new ElementPayloads.EntryHandler()
    {
        @Override
        public void completed(final int element, final DirectBuffer buffer, final int offset, final int length)
        {
            seen.add(element + ":ok:" + buffer.getStringWithoutLengthAscii(offset, length));
        }

        @Override
        public void failed(final int element, final long journalIndex)
        {
            seen.add(element + ":failed:" + journalIndex);
        }

        @Override
        public void cancelled(final int element)
        {
            seen.add(element + ":cancelled");
        }

        @Override
        public void ended(final long nanos)
        {
            seen.add("end:" + nanos);
        }
    };

    @Test
    void shouldReadEveryEntryAsWrittenFromTheFirstElementThePartNames()
    {
        int length = ElementPayloads.putCompleted(part, 0, new UnsafeBuffer("ab".getBytes()), 2);
        length += ElementPayloads.putFailed(part, length, 42);
        length += ElementPayloads.putCancelled(part, length);
        length += ElementPayloads.putEnd(part, length, 7_000);

        ElementPayloads.forEachEntry(part, 0, length, 5, 8, recorder);

        assertEquals(List.of("5:ok:ab", "6:failed:42", "7:cancelled", "end:7000"), seen);
    }

    @Test
    void shouldRefuseAnEndBeforeTheLastElementAndAnEntryPastTheChunk()
    {
        final int end = ElementPayloads.putEnd(part, 0, 1);
        assertThrows(ProtocolException.class, () -> ElementPayloads.forEachEntry(part, 0, end, 0, 1, recorder));

        final int failed = ElementPayloads.putFailed(part, 0, 1);
        assertThrows(ProtocolException.class, () -> ElementPayloads.forEachEntry(part, 0, failed, 1, 1, recorder));
        assertEquals(List.of(), seen);
    }

    @Test
    void shouldRefuseAResultLongerThanThePartAndATruncatedEntry()
    {
        part.putInt(0, 1_000);
        assertThrows(ProtocolException.class, () -> ElementPayloads.forEachEntry(part, 0, 8, 0, 2, recorder));
        part.putInt(0, ElementPayloads.FAILED);
        assertThrows(ProtocolException.class, () -> ElementPayloads.forEachEntry(part, 0, 8, 0, 2, recorder));
        part.putInt(0, -9);
        assertThrows(ProtocolException.class, () -> ElementPayloads.forEachEntry(part, 0, 8, 0, 2, recorder));
        assertEquals(List.of(), seen);
    }

    @Test
    void shouldRefuseArgumentsWhoseCountOrLengthsRunPastTheirEnd()
    {
        part.putInt(0, 3);
        part.putInt(4, 2);
        assertThrows(ProtocolException.class, () -> ElementPayloads.argumentCount(part, 0, 8),
            "3 elements cannot fit 4 bytes");
        part.putInt(0, 1);
        assertEquals(1, ElementPayloads.argumentCount(part, 0, 10));
        assertEquals(2, ElementPayloads.argumentLength(part, 4, 10));
        assertThrows(ProtocolException.class, () -> ElementPayloads.argumentLength(part, 4, 9));
    }

    @Test
    void shouldKeepChunkIdsAndTaskIdsApart()
    {
        assertEquals(-2, ElementPayloads.chunkId(1));
        assertEquals(1, ElementPayloads.firstElementId(ElementPayloads.chunkId(1)));
        assertEquals(false, ElementPayloads.isChunk(1));
        assertEquals(false, ElementPayloads.isChunk(-1), "-1 is no task");
        assertEquals(true, ElementPayloads.isChunk(ElementPayloads.chunkId(1)));
    }
}

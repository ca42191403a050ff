package org.spm4j.shm.closure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.spm4j.shm.ProtocolException;

class ClosureTableTest
{
    private final UnsafeBuffer table = new UnsafeBuffer(ByteBuffer.allocateDirect(ClosureTableDescriptor.MIN_LENGTH));
    private final ClosureTableWriter writer = new ClosureTableWriter(table);
    private final ClosureTableReader reader = new ClosureTableReader(table);

    @Test
    void shouldHideDefinitionsUntilTheyArePublished()
    {
        ExpectedClosures.append(writer, 0);
        ExpectedClosures.append(writer, 1);

        assertEquals(0, reader.refresh());
        assertEquals("closure 0 is beyond the published fence 0 of the closure table",
            assertThrows(ProtocolException.class, () -> reader.definition(0)).getMessage());

        assertEquals(2, writer.publish());
        ExpectedClosures.append(writer, 2);

        assertNull(ExpectedClosures.mismatch(reader.definition(1)));
        assertNull(ExpectedClosures.mismatch(reader.definition(0)));
        assertEquals(2, reader.cachedCount());
        assertThrows(ProtocolException.class, () -> reader.definition(2));
        assertThrows(ProtocolException.class, () -> reader.definition(-1));
    }

    @Test
    void shouldRefuseADuplicateName()
    {
        ExpectedClosures.append(writer, 0);

        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> ExpectedClosures.append(writer, 0));

        assertEquals("closure name 'closure-0-\u00e9t\u00e9' is already defined as closure 0", ex.getMessage());
    }

    @Test
    void shouldRefuseAnEmptyOrOverlongName()
    {
        final UnsafeBuffer none = new UnsafeBuffer(new byte[0]);
        assertThrows(IllegalArgumentException.class, () -> writer.append("", 0, none, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> writer.append("x".repeat(1025), 0, none, 0, 0));
    }

    @Test
    void shouldSayClearlyWhenTheTableIsFull()
    {
        final UnsafeBuffer big = new UnsafeBuffer(new byte[1000]);
        writer.append("a", 0, big, 0, big.capacity());
        writer.append("b", 0, big, 0, big.capacity());
        writer.append("c", 0, big, 0, big.capacity());

        final ClosureTableFullException ex =
            assertThrows(ClosureTableFullException.class, () -> writer.append("d", 0, big, 0, big.capacity()));

        assertTrue(ex.getMessage().startsWith("closure table is full: closure 'd' needs 1024 bytes but only " +
            writer.remainingBytes() + " of 4096 are free"), ex.getMessage());
        assertEquals(3, writer.appendedCount(), "the failed append left no trace");
    }

    @Test
    void shouldRejectACorruptRecordInsteadOfReadingGarbage()
    {
        ExpectedClosures.append(writer, 0);
        writer.publish();
        table.putInt(ClosureTableDescriptor.HEADER_LENGTH + ClosureTableDescriptor.BYTES_LENGTH_OFFSET, 1 << 30);

        final ProtocolException ex = assertThrows(ProtocolException.class, reader::refresh);

        assertTrue(ex.getMessage().startsWith("closure table record 0 at offset 128 has name length"),
            ex.getMessage());
    }

    @Test
    void shouldRejectAFenceBeyondTheTable()
    {
        table.putLong(ClosureTableDescriptor.PUBLISHED_FENCE_OFFSET, 5);
        table.putLong(ClosureTableDescriptor.PUBLISHED_LENGTH_OFFSET, 1L << 40);

        final ProtocolException ex = assertThrows(ProtocolException.class, reader::refresh);

        assertTrue(ex.getMessage().startsWith("closure table header is corrupt"), ex.getMessage());
    }

    @Test
    void shouldRejectANameThatIsNotValidUtf8()
    {
        // Found by ClosureTableReaderFuzzTest: the reader used to load such a name with U+FFFD in place.
        ExpectedClosures.append(writer, 0);
        writer.publish();
        table.putByte(ClosureTableDescriptor.HEADER_LENGTH + ClosureTableDescriptor.RECORD_HEADER_LENGTH, (byte)0xFF);

        final ProtocolException ex = assertThrows(ProtocolException.class, reader::refresh);

        assertEquals("closure table record 0 at offset 128 has a name of 15 bytes that is not valid UTF-8",
            ex.getMessage());
    }

    @Test
    void shouldRefuseANameWithAnUnpairedSurrogate()
    {
        final UnsafeBuffer none = new UnsafeBuffer(new byte[0]);

        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> writer.append("half-\uD83D", 0, none, 0, 0));

        assertEquals("closure name 'half-\uD83D' is not valid Unicode: it has an unpaired surrogate", ex.getMessage());
        assertEquals(0, writer.appendedCount());
    }
}

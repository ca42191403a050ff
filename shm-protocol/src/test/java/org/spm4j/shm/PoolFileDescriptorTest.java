package org.spm4j.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.spm4j.shm.closure.ClosureTableDescriptor;
import org.spm4j.shm.mailbox.ControlFlyweight;
import org.spm4j.shm.mailbox.PeerFlyweight;
import org.spm4j.shm.mailbox.ReplyFlyweight;
import org.spm4j.shm.mailbox.RequestFlyweight;
import org.spm4j.shm.mailbox.StatusFlyweight;
import org.spm4j.shm.mailbox.TaskFlyweight;

/**
 * The offsets the code derives are the ones the javadoc diagrams document.
 */
class PoolFileDescriptorTest
{
    @Test
    void shouldPlaceHeaderFieldsWhereTheDiagramShowsThem()
    {
        assertEquals(0, PoolFileDescriptor.MAGIC_OFFSET);
        assertEquals(8, PoolFileDescriptor.LAYOUT_VERSION_OFFSET);
        assertEquals(12, PoolFileDescriptor.SPOKE_COUNT_OFFSET);
        assertEquals(16, PoolFileDescriptor.HUB_PID_OFFSET);
        assertEquals(24, PoolFileDescriptor.HUB_START_TIME_OFFSET);
        assertEquals(32, PoolFileDescriptor.HUB_HEARTBEAT_OFFSET);
        assertEquals(40, PoolFileDescriptor.FILE_LENGTH_OFFSET);
        assertEquals(48, PoolFileDescriptor.INBOX_LENGTH_OFFSET);
        assertEquals(52, PoolFileDescriptor.CLOSURE_TABLE_LENGTH_OFFSET);
        assertEquals(56, PoolFileDescriptor.COUNTERS_VALUES_LENGTH_OFFSET);
        assertEquals(128, PoolFileDescriptor.HEADER_LENGTH);
    }

    @Test
    void shouldPlaceSpokeSlotFieldsWhereTheDiagramShowsThem()
    {
        assertEquals(0, SpokeSlotDescriptor.STATE_OFFSET);
        assertEquals(8, SpokeSlotDescriptor.PID_OFFSET);
        assertEquals(16, SpokeSlotDescriptor.HEARTBEAT_OFFSET);
        assertEquals(24, SpokeSlotDescriptor.CURRENT_TASK_OFFSET);
        assertEquals(32, SpokeSlotDescriptor.PEER_TASK_OFFSET);
        assertEquals(40, SpokeSlotDescriptor.PEER_STATE_OFFSET);
        assertEquals(128, SpokeSlotDescriptor.SLOT_LENGTH);
    }

    @Test
    void shouldLaySectionsOutInDiagramOrder()
    {
        final int inboxCapacity = 1 << 16;
        final PoolLayout layout = PoolLayout.of(3, inboxCapacity, 10_000, 10);
        final long inboxLength = inboxCapacity + RingBufferDescriptor.TRAILER_LENGTH;

        assertEquals(128, layout.slotsOffset());
        assertEquals(3 * 128, layout.slotsLength());
        assertEquals(128 + 3 * 128, layout.inboxOffset(0));
        assertEquals(layout.inboxOffset(0) + 2 * inboxLength, layout.inboxOffset(2));
        assertEquals(layout.inboxOffset(0) + 3 * inboxLength, layout.outboxOffset(0));
        assertEquals(layout.inboxOffset(0) + 5 * inboxLength, layout.outboxOffset(2));
        assertEquals(layout.inboxOffset(0) + 6 * inboxLength, layout.closureTableOffset());
        assertEquals(10_112, layout.closureTableLength(), "closure table rounded up to 128 bytes");
        assertEquals(layout.closureTableOffset() + 10_112, layout.countersMetadataOffset());
        assertEquals(10 * CountersReader.METADATA_LENGTH, layout.countersMetadataLength());
        assertEquals(layout.countersMetadataOffset() + 10 * CountersReader.METADATA_LENGTH,
            layout.countersValuesOffset());
        assertEquals(layout.countersValuesOffset() + 10 * CountersReader.COUNTER_LENGTH, layout.fileLength());
    }

    @Test
    void shouldPlaceClosureTableFieldsWhereTheDiagramShowsThem()
    {
        assertEquals(0, ClosureTableDescriptor.PUBLISHED_FENCE_OFFSET);
        assertEquals(8, ClosureTableDescriptor.PUBLISHED_LENGTH_OFFSET);
        assertEquals(128, ClosureTableDescriptor.HEADER_LENGTH);
        assertEquals(0, ClosureTableDescriptor.CLOSURE_ID_OFFSET);
        assertEquals(4, ClosureTableDescriptor.CODEC_ID_OFFSET);
        assertEquals(8, ClosureTableDescriptor.NAME_LENGTH_OFFSET);
        assertEquals(12, ClosureTableDescriptor.BYTES_LENGTH_OFFSET);
        assertEquals(16, ClosureTableDescriptor.RECORD_HEADER_LENGTH);
        assertEquals(24, ClosureTableDescriptor.recordLength(3, 2), "16 + 5 rounded up to 8");
    }

    @Test
    void shouldGiveMessagesTheHeaderLengthsTheirDiagramsShow()
    {
        assertEquals(40, TaskFlyweight.HEADER_LENGTH);
        assertEquals(32, StatusFlyweight.HEADER_LENGTH);
        assertEquals(28, RequestFlyweight.HEADER_LENGTH);
        assertEquals(24, ReplyFlyweight.HEADER_LENGTH);
        assertEquals(24, PeerFlyweight.HEADER_LENGTH);
        assertEquals(12, ControlFlyweight.LENGTH);
    }
}

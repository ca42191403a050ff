package org.spm4j.shm.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;

class InboxDeadParticipantTest
{
    private static final UnsafeBuffer PAYLOAD = new UnsafeBuffer("payload".getBytes(StandardCharsets.US_ASCII));

    private final Inbox inbox = new Inbox("the test inbox",
        new UnsafeBuffer(ByteBuffer.allocateDirect(4096 + RingBufferDescriptor.TRAILER_LENGTH)), Long.MAX_VALUE);
    private final MessageSender sender = new MessageSender();

    @Test
    void shouldEmptyARingItsReaderLeftHalfZeroedSoTheNextReaderGetsNewMessages()
    {
        for (long taskId = 1; taskId <= 3; taskId++)
        {
            assertTrue(sender.sendTask(inbox, taskId, 1, 1, 1, 0, TaskFlyweight.NO_DEADLINE, PAYLOAD, 0, 7));
        }
        inbox.buffer().setMemory(0, 12, (byte)0);
        assertEquals(0, inbox.read((type, buffer, index, length) -> { }, 10, 0), "the half-zeroed head blocks");
        assertTrue(inbox.size() > 0);

        inbox.discardAllOfDeadReader();
        assertEquals(0, inbox.size());
        assertTrue(sender.sendTask(inbox, 4, 1, 1, 1, 0, TaskFlyweight.NO_DEADLINE, PAYLOAD, 0, 7));

        final List<Long> read = new ArrayList<>();
        inbox.read((type, buffer, index, length) -> read.add(new TaskFlyweight().wrap(buffer, index, length).taskId()),
            10, 0);
        assertEquals(List.of(4L), read);
    }

    @Test
    void shouldUnblockAClaimLeftByAWriterFoundDeadAfterAShortGraceInsteadOfTheStallTimeout()
    {
        final int abandoned = inbox.tryClaim(MessageTypes.STATUS, StatusFlyweight.HEADER_LENGTH);
        assertTrue(abandoned >= 0);
        assertTrue(sender.sendTask(inbox, 9, 1, 1, 1, 0, TaskFlyweight.NO_DEADLINE, PAYLOAD, 0, 7));
        final List<Long> read = new ArrayList<>();
        final MessageHandler collect = (type, buffer, index, length) ->
            read.add(new TaskFlyweight().wrap(buffer, index, length).taskId());

        assertEquals(0, inbox.read(collect, 10, 0));
        assertEquals(0, inbox.read(collect, 10, 10 * Inbox.DEAD_WRITER_GRACE_NS), "a live writer may be slow");
        inbox.writerDied();
        inbox.read(collect, 10, 11 * Inbox.DEAD_WRITER_GRACE_NS);
        inbox.read(collect, 10, 12 * Inbox.DEAD_WRITER_GRACE_NS);

        assertEquals(List.of(9L), read);
    }

    @Test
    void shouldTellAWriterWhoseClaimWasTakenBackToSendAgain()
    {
        final int slow = inbox.tryClaim(MessageTypes.STATUS, StatusFlyweight.HEADER_LENGTH);
        inbox.read((type, buffer, index, length) -> { }, 10, 0);
        inbox.writerDied();
        inbox.read((type, buffer, index, length) -> { }, 10, Inbox.DEAD_WRITER_GRACE_NS);

        assertFalse(inbox.commit(slow), "the reader took it for a dead writer's claim");
        assertTrue(sender.sendTask(inbox, 5, 1, 1, 1, 0, TaskFlyweight.NO_DEADLINE, PAYLOAD, 0, 7));
    }
}

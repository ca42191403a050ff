package org.spm4j.shm.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;
import org.spm4j.shm.ProtocolException;

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

    @Test
    void shouldEmptyAnOutboxWhoseWriterDiedMidClaimSoTheNextWriterIsReadFromItsFirstMessage()
    {
        final UnsafeBuffer ring =
            new UnsafeBuffer(ByteBuffer.allocateDirect(4096 + RingBufferDescriptor.TRAILER_LENGTH));
        final Inbox outbox = Inbox.oneWriter("the test outbox", ring);
        final List<Long> read = new ArrayList<>();
        final MessageHandler collect = (type, buffer, index, length) ->
            read.add(new StatusFlyweight().wrap(buffer, index, length).taskId());
        for (long taskId = 1; taskId <= 200; taskId++)
        {
            assertTrue(sendStatus(outbox, taskId), "past the ring's end and around");
            outbox.read(collect, 10);
        }
        outbox.read(collect, 10);
        assertEquals(200, read.size());
        assertEquals(200L, read.get(199));
        assertTrue(sendStatus(outbox, 201));
        assertTrue(outbox.tryClaim(MessageTypes.STATUS, StatusFlyweight.HEADER_LENGTH) >= 0, "left by the dead writer");
        read.clear();

        assertEquals(1, outbox.read(collect, 10, 0));
        assertEquals(0, outbox.read(collect, 10, Long.MAX_VALUE), "the claim blocks the ring for ever");
        outbox.discardAllOfDeadWriter();

        assertEquals(0, outbox.size());
        outbox.verifyPositions();
        final Inbox nextWriters = Inbox.oneWriter("the test outbox", ring);
        for (long taskId = 301; taskId <= 303; taskId++)
        {
            assertTrue(sendStatus(nextWriters, taskId));
        }
        outbox.read(collect, 10);
        assertEquals(List.of(201L, 301L, 302L, 303L), read);
    }

    @Test
    void shouldMakeAnOutboxWithImpossiblePositionsAsNew()
    {
        final Inbox outbox = Inbox.oneWriter("the test outbox",
            new UnsafeBuffer(ByteBuffer.allocateDirect(4096 + RingBufferDescriptor.TRAILER_LENGTH)));
        outbox.buffer().putLongVolatile(4096 + RingBufferDescriptor.TAIL_POSITION_OFFSET, 1L << 40);
        assertThrows(ProtocolException.class, outbox::verifyPositions);

        outbox.discardAllOfDeadWriter();

        outbox.verifyPositions();
        assertTrue(sendStatus(outbox, 7));
        assertEquals(1, outbox.read((type, buffer, index, length) -> { }, 10));
    }

    private boolean sendStatus(final Inbox outbox, final long taskId)
    {
        return sender.sendStatus(outbox, taskId, 1, 0, TaskOutcome.OK, StatusFlyweight.NO_JOURNAL_INDEX, PAYLOAD, 0,
            PAYLOAD.capacity());
    }
}

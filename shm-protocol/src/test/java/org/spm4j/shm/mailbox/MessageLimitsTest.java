package org.spm4j.shm.mailbox;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spm4j.shm.PoolLayout;

class MessageLimitsTest
{
    @ParameterizedTest
    @ValueSource(ints = {PoolLayout.MIN_INBOX_CAPACITY, 8192, 65536, 1 << 20, 1 << 24})
    void shouldStateTheMessageLimitOfAgronasRing(final int capacity)
    {
        final UnsafeBuffer buffer = ring(capacity);

        assertEquals(new ManyToOneRingBuffer(buffer).maxMsgLength(), MessageLimits.maxMessageLength(capacity));
        assertEquals(new Inbox("the test inbox", buffer, Long.MAX_VALUE).maxMessageLength(),
            MessageLimits.maxMessageLength(capacity));
    }

    @ParameterizedTest
    @ValueSource(ints = {PoolLayout.MIN_INBOX_CAPACITY, 65536})
    void shouldLetTheLargestArgumentAndResultIntoAnInboxAndNoMore(final int capacity)
    {
        final Inbox inbox = new Inbox("the test inbox", ring(capacity), Long.MAX_VALUE);
        final MessageSender sender = new MessageSender();
        final UnsafeBuffer bytes = new UnsafeBuffer(new byte[capacity]);
        final int maxArgument = MessageLimits.maxArgumentLength(capacity);
        final int maxResult = MessageLimits.maxResultLength(capacity);

        assertTrue(sender.sendTask(inbox, 1L, 1L, 0, 1, 0, 0L, bytes, 0, maxArgument));
        assertTrue(sender.sendStatus(inbox, 1L, 1, 0, TaskOutcome.OK, 0L, bytes, 0, maxResult));
        assertThrows(MessageTooLargeException.class,
            () -> sender.sendTask(inbox, 1L, 1L, 0, 1, 0, 0L, bytes, 0, maxArgument + 1));
        assertThrows(MessageTooLargeException.class,
            () -> sender.sendStatus(inbox, 1L, 1, 0, TaskOutcome.OK, 0L, bytes, 0, maxResult + 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {PoolLayout.MIN_INBOX_CAPACITY, 65536})
    void shouldRefuseWithoutAnInboxWhatAnInboxRefuses(final int capacity)
    {
        final Inbox inbox = new Inbox("the test inbox", ring(capacity), Long.MAX_VALUE);
        final int tooLong = MessageLimits.maxMessageLength(capacity) + 1;

        assertDoesNotThrow(() -> MessageLimits.checkMessageLength(
            "the test inbox", MessageTypes.PEER, MessageLimits.maxMessageLength(capacity), capacity));
        assertEquals(
            assertThrows(MessageTooLargeException.class, () -> inbox.tryClaim(MessageTypes.PEER, tooLong)).getMessage(),
            assertThrows(MessageTooLargeException.class, () -> MessageLimits.checkMessageLength(
                "the test inbox", MessageTypes.PEER, tooLong, capacity)).getMessage());
    }

    private static UnsafeBuffer ring(final int capacity)
    {
        return new UnsafeBuffer(ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH));
    }
}

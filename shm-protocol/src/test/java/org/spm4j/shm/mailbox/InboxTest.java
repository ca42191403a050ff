package org.spm4j.shm.mailbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.test.TestPools;

class InboxTest
{
    private static final int CAPACITY = 4096;
    private static final long STALL_TIMEOUT_NS = 1_000_000_000L;
    private static final UnsafeBuffer PAYLOAD = new UnsafeBuffer("payload".getBytes(StandardCharsets.US_ASCII));

    private final Inbox inbox = new Inbox("the test inbox", newRing(), STALL_TIMEOUT_NS);
    private final MessageSender sender = new MessageSender();

    @Test
    void shouldCarryATask()
    {
        assertTrue(sender.sendTask(
            inbox, 42L, 9L, 7, 2, TaskFlyweight.MAY_REQUEST, 1234L, PAYLOAD, 0, PAYLOAD.capacity()));

        readOne(MessageTypes.TASK, (buffer, index, length) ->
        {
            final TaskFlyweight task = new TaskFlyweight().wrap(buffer, index, length);
            assertEquals(42L, task.taskId());
            assertEquals(9L, task.runId());
            assertEquals(7, task.closureId());
            assertEquals(2, task.attempt());
            assertEquals(TaskFlyweight.MAY_REQUEST, task.flags());
            assertEquals(1234L, task.deadlineMs());
            assertArrayEquals(PAYLOAD.byteArray(), task.payloadBytes());
        });
    }

    @Test
    void shouldCarryAStatus()
    {
        assertTrue(sender.sendStatus(inbox, 42L, 3, 5, TaskOutcome.FAILED, 99L, PAYLOAD, 1, 3));

        readOne(MessageTypes.STATUS, (buffer, index, length) ->
        {
            final StatusFlyweight status = new StatusFlyweight().wrap(buffer, index, length);
            assertEquals(42L, status.taskId());
            assertEquals(3, status.attempt());
            assertEquals(5, status.spokeId());
            assertEquals(TaskOutcome.FAILED, status.outcome());
            assertEquals(99L, status.journalIndex());
            assertEquals("ayl", new String(status.payloadBytes(), StandardCharsets.US_ASCII));
        });
    }

    @Test
    void shouldCarryARequestAndAReply()
    {
        assertTrue(sender.sendRequest(inbox, 11L, 42L, 3, 1, PAYLOAD, 0, PAYLOAD.capacity()));
        assertTrue(sender.sendReply(inbox, 11L, 42L, 3, PAYLOAD, 0, 0));

        readOne(MessageTypes.REQUEST, (buffer, index, length) ->
        {
            final RequestFlyweight request = new RequestFlyweight().wrap(buffer, index, length);
            assertEquals(11L, request.correlationId());
            assertEquals(42L, request.taskId());
            assertEquals(3, request.attempt());
            assertEquals(1, request.spokeId());
            assertArrayEquals(PAYLOAD.byteArray(), request.payloadBytes());
        });
        readOne(MessageTypes.REPLY, (buffer, index, length) ->
        {
            final ReplyFlyweight reply = new ReplyFlyweight().wrap(buffer, index, length);
            assertEquals(11L, reply.correlationId());
            assertEquals(42L, reply.taskId());
            assertEquals(3, reply.attempt());
            assertEquals(0, reply.payloadLength());
        });
    }

    @Test
    void shouldCarryPeerAndControlMessages()
    {
        assertTrue(sender.sendPeer(inbox, 77L, 1, 2, 3, PAYLOAD, 0, PAYLOAD.capacity()));
        assertTrue(sender.sendControl(inbox, ControlCommand.CANCEL_TASK, 42L));

        readOne(MessageTypes.PEER, (buffer, index, length) ->
        {
            final PeerFlyweight peer = new PeerFlyweight().wrap(buffer, index, length);
            assertEquals(77L, peer.generation());
            assertEquals(1, peer.from());
            assertEquals(2, peer.to());
            assertEquals(3, peer.tag());
            assertArrayEquals(PAYLOAD.byteArray(), peer.payloadBytes());
        });
        readOne(MessageTypes.CONTROL, (buffer, index, length) ->
        {
            final ControlFlyweight control = new ControlFlyweight().wrap(buffer, index, length);
            assertEquals(ControlCommand.CANCEL_TASK, control.command());
            assertEquals(42L, control.value());
        });
    }

    @Test
    void shouldCarryABatchOfTasksInOneRecord()
    {
        final int taskLength = TaskFlyweight.HEADER_LENGTH + PAYLOAD.capacity();
        final int length = BatchFlyweight.HEADER_LENGTH + 3 * BatchFlyweight.elementSpace(taskLength);
        final int index = inbox.tryClaim(MessageTypes.BATCH, length);
        final BatchFlyweight batch = new BatchFlyweight().wrapForWrite(inbox.buffer(), index, length);
        for (int i = 0; i < 3; i++)
        {
            new TaskFlyweight().wrapForWrite(inbox.buffer(), batch.appendElement(MessageTypes.TASK, taskLength),
                PAYLOAD.capacity()).taskId(100 + i).putPayload(PAYLOAD, 0, PAYLOAD.capacity());
        }
        assertEquals(length, batch.encodedLength());
        assertThrows(IllegalStateException.class, () -> batch.appendElement(MessageTypes.TASK, 0), "batch is full");
        inbox.commit(index);

        final List<Long> taskIds = new ArrayList<>();
        readOne(MessageTypes.BATCH, (buffer, offset, recordLength) -> BatchFlyweight.forEachElement(
            buffer, offset, recordLength, (type, elementBuffer, element, elementLength) ->
            {
                assertEquals(MessageTypes.TASK, type);
                final TaskFlyweight task = new TaskFlyweight().wrap(elementBuffer, element, elementLength);
                taskIds.add(task.taskId());
                assertArrayEquals(PAYLOAD.byteArray(), task.payloadBytes());
            }));
        assertEquals(List.of(100L, 101L, 102L), taskIds);
    }

    @Test
    void shouldSendSeveralTasksAsOneBatchOfTasks()
    {
        final byte[][] arguments = {{1}, {}, {2, 3, 4, 5, 6, 7, 8, 9, 10}};

        assertTrue(sender.sendTasks(inbox, new ArrayTasks(arguments), 9L, TaskFlyweight.MAY_MESSAGE_PEERS));

        final List<Long> taskIds = new ArrayList<>();
        readOne(MessageTypes.BATCH, (buffer, offset, recordLength) -> BatchFlyweight.forEachElement(
            buffer, offset, recordLength, (type, elementBuffer, element, elementLength) ->
            {
                assertEquals(MessageTypes.TASK, type);
                final TaskFlyweight task = new TaskFlyweight().wrap(elementBuffer, element, elementLength);
                final int i = taskIds.size();
                taskIds.add(task.taskId());
                assertEquals(9L, task.runId());
                assertEquals(10 + i, task.closureId());
                assertEquals(1 + i, task.attempt());
                assertEquals(TaskFlyweight.MAY_MESSAGE_PEERS, task.flags());
                assertEquals(1000L * i, task.deadlineMs());
                assertArrayEquals(arguments[i], task.payloadBytes());
            }));
        assertEquals(List.of(100L, 101L, 102L), taskIds);
    }

    @Test
    void shouldSendOneTaskOfABatchAsATask()
    {
        final byte[][] arguments = {PAYLOAD.byteArray()};

        assertTrue(sender.sendTasks(inbox, new ArrayTasks(arguments), 9L, 0));

        readOne(MessageTypes.TASK, (buffer, index, length) ->
        {
            final TaskFlyweight task = new TaskFlyweight().wrap(buffer, index, length);
            assertEquals(100L, task.taskId());
            assertEquals(9L, task.runId());
            assertEquals(10, task.closureId());
            assertArrayEquals(PAYLOAD.byteArray(), task.payloadBytes());
        });
    }

    @Test
    void shouldRejectABatchWhoseElementsOverrunIt()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final BatchFlyweight batch = new BatchFlyweight().wrapForWrite(buffer, 0, 64);
        batch.appendElement(MessageTypes.CONTROL, ControlFlyweight.LENGTH);
        buffer.putInt(BatchFlyweight.HEADER_LENGTH + Integer.BYTES, 1000);

        final ProtocolException ex = assertThrows(ProtocolException.class, () -> BatchFlyweight.forEachElement(
            buffer, 0, batch.encodedLength(), (type, elementBuffer, element, elementLength) -> { }));

        assertEquals("BATCH message at offset 0 has a malformed element 0: type 6, length 1000", ex.getMessage());
        buffer.putInt(0, 5);
        buffer.putInt(BatchFlyweight.HEADER_LENGTH + Integer.BYTES, ControlFlyweight.LENGTH);
        assertEquals("BATCH message at offset 0 declares 5 elements but ends after 1",
            assertThrows(ProtocolException.class, () -> BatchFlyweight.forEachElement(buffer, 0,
                batch.encodedLength(), (type, elementBuffer, element, elementLength) -> { })).getMessage());
    }

    @Test
    void shouldRefuseAnOversizedMessageNamingSizeAndLimit()
    {
        final UnsafeBuffer big = new UnsafeBuffer(new byte[CAPACITY]);

        final MessageTooLargeException ex = assertThrows(MessageTooLargeException.class,
            () -> sender.sendTask(inbox, 1L, 1L, 0, 1, 0, 0L, big, 0, big.capacity()));

        assertEquals("TASK message of " + (CAPACITY + TaskFlyweight.HEADER_LENGTH) + " bytes exceeds the " +
            inbox.maxMessageLength() + "-byte message limit of the test inbox", ex.getMessage());
        assertEquals(0, inbox.size(), "nothing written");
    }

    @Test
    void shouldReportAFullInboxWithoutLosingWhatItHolds()
    {
        int sent = 0;
        while (sender.sendControl(inbox, ControlCommand.CANCEL_TASK, sent))
        {
            sent++;
        }

        final List<Long> values = new ArrayList<>();
        final ControlFlyweight control = new ControlFlyweight();
        inbox.read((type, buffer, index, length) -> values.add(control.wrap(buffer, index, length).value()),
            Integer.MAX_VALUE, 0);

        assertEquals(sent, values.size());
        for (int i = 0; i < sent; i++)
        {
            assertEquals(i, values.get(i));
        }
        assertTrue(sender.sendControl(inbox, ControlCommand.SHUTDOWN, 0), "room again once read");
    }

    @Test
    void shouldUnblockOnlyAfterAnAbandonedClaimOutlivesTheStallTimeout()
    {
        final int abandoned = inbox.tryClaim(MessageTypes.CONTROL, ControlFlyweight.LENGTH);
        assertTrue(abandoned >= 0);
        assertTrue(sender.sendControl(inbox, ControlCommand.CANCEL_TASK, 7L));

        final List<Long> values = new ArrayList<>();
        final ControlFlyweight control = new ControlFlyweight();
        final org.agrona.concurrent.MessageHandler handler =
            (type, buffer, index, length) -> values.add(control.wrap(buffer, index, length).value());

        assertEquals(0, inbox.read(handler, 10, 0));
        assertEquals(0, inbox.read(handler, 10, STALL_TIMEOUT_NS - 1));
        assertEquals(0, inbox.read(handler, 10, STALL_TIMEOUT_NS));
        assertEquals(1, inbox.read(handler, 10, STALL_TIMEOUT_NS + 1));
        assertEquals(List.of(7L), values);
    }

    @Test
    void shouldOpenAPoolsInboxesAndOutboxesByNameWithThePoolStallTimeout(@TempDir final Path root)
    {
        try (PoolFile poolFile = TestPools.create(root, 2))
        {
            final Inbox inbox = Inbox.ofSpoke(poolFile, 1);
            final Inbox outbox = Inbox.outboxOf(poolFile, 1);
            final org.agrona.concurrent.MessageHandler ignore = (type, buffer, index, length) -> { };
            assertEquals("the inbox of spoke 1", inbox.name());
            assertEquals("the outbox of spoke 1", outbox.name());

            assertTrue(sender.sendControl(Inbox.ofSpoke(poolFile, 1), ControlCommand.SHUTDOWN, 0L));
            assertTrue(sender.sendStatus(Inbox.outboxOf(poolFile, 1), 42L, 1, 1, TaskOutcome.OK,
                StatusFlyweight.NO_JOURNAL_INDEX, PAYLOAD, 0, 0));
            assertEquals(0, Inbox.ofSpoke(poolFile, 0).size());
            assertEquals(0, Inbox.outboxOf(poolFile, 0).size());
            assertEquals(1, inbox.read(ignore, 10));
            assertEquals(1, outbox.read(ignore, 10));

            assertTrue(inbox.tryClaim(MessageTypes.CONTROL, ControlFlyweight.LENGTH) >= 0);
            assertTrue(sender.sendControl(inbox, ControlCommand.CANCEL_TASK, 7L));
            assertEquals(0, inbox.read(ignore, 10, 0));
            assertEquals(0, inbox.read(ignore, 10, Inbox.STALL_TIMEOUT_NS - 1));
            assertEquals(0, inbox.read(ignore, 10, Inbox.STALL_TIMEOUT_NS));
            assertEquals(1, inbox.read(ignore, 10, Inbox.STALL_TIMEOUT_NS + 1));
        }
    }

    /**
     * An outbox has one writer, its spoke: a claim it has not committed yet is its own slowness, never taken back.
     */
    @Test
    void shouldNeverTakeBackTheClaimOfAnOutboxsWriter()
    {
        final Inbox outbox = Inbox.oneWriter("the test outbox", newRing());
        final List<Long> taskIds = new ArrayList<>();
        final StatusFlyweight status = new StatusFlyweight();
        final org.agrona.concurrent.MessageHandler collect =
            (type, buffer, index, length) -> taskIds.add(status.wrap(buffer, index, length).taskId());

        final int slow = outbox.tryClaim(MessageTypes.STATUS, StatusFlyweight.HEADER_LENGTH);
        assertTrue(slow >= 0);
        assertEquals(0, outbox.read(collect, 10, 0));
        outbox.writerDied();
        assertEquals(0, outbox.read(collect, 10, 100 * STALL_TIMEOUT_NS));
        status.wrapForWrite(outbox.buffer(), slow, 0).taskId(5L).outcome(TaskOutcome.OK);

        assertTrue(outbox.commit(slow));
        assertEquals(1, outbox.read(collect, 10, 101 * STALL_TIMEOUT_NS));
        assertEquals(List.of(5L), taskIds);
        assertEquals(inbox.maxMessageLength(), outbox.maxMessageLength(), "the same limit as an inbox's");
    }

    @Test
    void shouldNotUnblockAnEmptyInbox()
    {
        assertEquals(0, inbox.read((type, buffer, index, length) -> { }, 10, 0));
        assertEquals(0, inbox.read((type, buffer, index, length) -> { }, 10, 10 * STALL_TIMEOUT_NS));
        assertTrue(sender.sendControl(inbox, ControlCommand.SHUTDOWN, 0));
        assertEquals(1, inbox.read((type, buffer, index, length) -> { }, 10, 11 * STALL_TIMEOUT_NS));
    }

    @Test
    void shouldRejectAMessageShorterThanItsHeader()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);

        final ProtocolException ex = assertThrows(ProtocolException.class,
            () -> new TaskFlyweight().wrap(buffer, 8, TaskFlyweight.HEADER_LENGTH - 1));

        assertEquals("TASK message at offset 8 is 39 bytes, shorter than its 40-byte header", ex.getMessage());
    }

    @Test
    void shouldRejectAPayloadLengthThatDisagreesWithTheRecord()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        new StatusFlyweight().wrapForWrite(buffer, 0, 20);

        final ProtocolException ex = assertThrows(ProtocolException.class,
            () -> new StatusFlyweight().wrap(buffer, 0, StatusFlyweight.HEADER_LENGTH + 4));

        assertEquals("STATUS message at offset 0 declares a payload of 20 bytes but carries 4", ex.getMessage());
    }

    @Test
    void shouldRejectUnknownCodes()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        buffer.putInt(ControlFlyweight.LENGTH - Integer.BYTES, 99);

        final ControlFlyweight control = new ControlFlyweight().wrap(buffer, 0, ControlFlyweight.LENGTH);

        assertEquals("control command code 99 is unknown",
            assertThrows(ProtocolException.class, control::command).getMessage());
        assertEquals("task outcome code 5 is unknown",
            assertThrows(ProtocolException.class, () -> TaskOutcome.fromCode(5)).getMessage());
        assertFalse(MessageTypes.name(0).equals("TASK"));
    }

    /**
     * The ring zeroes a record once its handler returns, so every check runs inside the handler.
     */
    private void readOne(final int expectedType, final Decoder decoder)
    {
        final int[] types = new int[1];
        final int count = inbox.read((type, buffer, index, length) ->
        {
            types[0] = type;
            decoder.decode(buffer, index, length);
        }, 1, 0);
        assertEquals(1, count);
        assertEquals(expectedType, types[0]);
    }

    private static UnsafeBuffer newRing()
    {
        return new UnsafeBuffer(ByteBuffer.allocateDirect(CAPACITY + RingBufferDescriptor.TRAILER_LENGTH));
    }

    /**
     * Task i has id 100 + i, closure 10 + i, attempt 1 + i and a deadline of 1000 * i ms.
     */
    private record ArrayTasks(byte[][] arguments) implements TaskBatch
    {
        @Override
        public int size()
        {
            return arguments.length;
        }

        @Override
        public long taskId(final int index)
        {
            return 100 + index;
        }

        @Override
        public int closureId(final int index)
        {
            return 10 + index;
        }

        @Override
        public int attempt(final int index)
        {
            return 1 + index;
        }

        @Override
        public long deadlineMs(final int index)
        {
            return 1000L * index;
        }

        @Override
        public int argumentLength(final int index)
        {
            return arguments[index].length;
        }

        @Override
        public DirectBuffer argument(final int index)
        {
            return new UnsafeBuffer(arguments[index]);
        }
    }

    @FunctionalInterface
    private interface Decoder
    {
        void decode(org.agrona.MutableDirectBuffer buffer, int index, int length);
    }
}

package org.spm4j.internal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.shm.HubIdentity;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.PoolLayout;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageSender;
import org.spm4j.shm.mailbox.MessageTypes;
import org.spm4j.shm.mailbox.StatusFlyweight;
import org.spm4j.shm.mailbox.TaskOutcome;

/**
 * The hub's reading of the spokes' outboxes, stepped in one thread: fairness, attribution, corruption, resets.
 */
class OutboxesTest
{
    private static final int SPOKES = 40;
    private static final int CAPACITY = 4096;

    @TempDir
    private Path directory;

    private PoolFile poolFile;
    private Outboxes outboxes;
    private final MessageSender sender = new MessageSender();
    private final StatusFlyweight status = new StatusFlyweight();
    private final List<String> heard = new ArrayList<>();
    private Runnable onFirstMessage = () -> { };
    private final Outboxes.Handler record = new Outboxes.Handler()
    {
        @Override
        public void onMessage(
            final int spokeId, final int typeId, final MutableDirectBuffer buffer, final int index, final int length)
        {
            final Runnable first = onFirstMessage;
            onFirstMessage = () -> { };
            first.run();
            heard.add(spokeId + ":" + status.wrap(buffer, index, length).taskId());
        }

        @Override
        public void onCorrupt(final int spokeId, final String what)
        {
            heard.add(spokeId + " corrupt: " + what);
        }
    };

    @BeforeEach
    void createPool()
    {
        poolFile = PoolFile.create(directory.resolve("pool.shm"), PoolLayout.of(SPOKES, CAPACITY, 4096, 16),
            HubIdentity.current(), System.currentTimeMillis());
        outboxes = new Outboxes(poolFile);
    }

    @AfterEach
    void closePool()
    {
        poolFile.close();
    }

    @Test
    void shouldTakeAShareFromEachOutboxPerRoundStartingOneSpokeFurtherEachRound()
    {
        final int share = Math.max(Outboxes.MIN_PER_OUTBOX, Outboxes.ROUND_LIMIT / SPOKES);
        send(0, 1, 2 * share + 1);
        send(5, 100, 1);
        send(SPOKES - 1, 200, 2);

        assertEquals(share + 3, outboxes.read(record));
        assertEquals(share, outboxes.read(record));
        assertEquals(1, outboxes.read(record));
        assertEquals(0, outboxes.read(record));

        final List<String> expected = new ArrayList<>();
        for (int taskId = 1; taskId <= share; taskId++)
        {
            expected.add("0:" + taskId);
        }
        expected.addAll(List.of("5:100", (SPOKES - 1) + ":200", (SPOKES - 1) + ":201"));
        for (int taskId = share + 1; taskId <= 2 * share + 1; taskId++)
        {
            expected.add("0:" + taskId);
        }
        assertEquals(expected, heard);
    }

    @Test
    void shouldStartEachRoundOneSpokeFurther()
    {
        for (int round = 0; round < 3; round++)
        {
            send(0, 10 * round, 1);
            send(1, 10 * round + 1, 1);
            outboxes.read(record);
        }

        assertEquals(List.of("0:0", "1:1", "1:11", "0:10", "0:20", "1:21"), heard,
            "round 2 starts at spoke 1, round 3 at spoke 2, and so on around");
    }

    @Test
    void shouldAttributeAMessageToItsOutboxWhateverItSays()
    {
        assertTrue(sender.sendStatus(Inbox.outboxOf(poolFile, 3), 42, 1, 7, TaskOutcome.OK,
            StatusFlyweight.NO_JOURNAL_INDEX, new UnsafeBuffer(new byte[0]), 0, 0));

        outboxes.read(record);

        assertEquals(List.of("3:42"), heard);
    }

    @Test
    void shouldDrainEverythingASpokeLeftBeyondOneRoundsShare()
    {
        send(2, 1, 60);

        assertEquals(60, outboxes.drain(2, record));

        assertEquals(60, heard.size());
        assertEquals(0, outboxes.size(2));
    }

    @Test
    void shouldReadNoMoreOfACorruptOutboxUntilItIsReset()
    {
        final AtomicBuffer ring = poolFile.spokeOutboxBuffer(4);
        ring.putLongVolatile(CAPACITY + RingBufferDescriptor.TAIL_POSITION_OFFSET, 1L << 40);
        send(6, 1, 1);
        ring.putIntVolatile(RecordDescriptor.lengthOffset(0), 1 << 20);
        ring.putInt(RecordDescriptor.typeOffset(0), MessageTypes.STATUS);

        assertEquals(1, outboxes.verify(record));
        assertEquals(1, outboxes.read(record));
        assertEquals(0, outboxes.verify(record), "found once");
        assertEquals(List.of("4 corrupt: the outbox of spoke 4 is corrupt: its producer position " + (1L << 40) +
            " and consumer position 0 are impossible for a ring of 4096 bytes", "6:1"), heard);

        final AtomicBuffer overrun = poolFile.spokeOutboxBuffer(7);
        overrun.putInt(RecordDescriptor.typeOffset(0), MessageTypes.STATUS);
        overrun.putLongVolatile(CAPACITY + RingBufferDescriptor.TAIL_POSITION_OFFSET, 64);
        overrun.putIntVolatile(RecordDescriptor.lengthOffset(0), CAPACITY + 64);
        heard.clear();

        assertEquals(1, outboxes.read(record));
        assertEquals(0, outboxes.read(record));
        assertEquals(List.of("7 corrupt: the outbox of spoke 7 is corrupt: a record of 4152 bytes at offset 8 " +
            "overruns its ring of 4096 bytes"), heard);

        outboxes.reset(4);
        outboxes.reset(7);
        heard.clear();
        send(4, 40, 1);
        send(7, 70, 1);
        outboxes.read(record);
        assertEquals(0, outboxes.verify(record));
        assertEquals(List.of("4:40", "7:70"), heard);
    }

    /**
     * A handler that has the spoke killed and relaunched, as a crew's failure does, resets the outbox being read.
     */
    @Test
    void shouldResetTheOutboxBeingReadOnceTheReadReturnsDroppingWhatItsSpokeLeft()
    {
        send(0, 1, 5);
        onFirstMessage = () ->
        {
            outboxes.reset(0);
            assertTrue(outboxes.isResetPending(0));
        };

        outboxes.read(record);

        assertEquals(List.of("0:1"), heard);
        assertFalse(outboxes.isResetPending(0));
        assertEquals(0, outboxes.size(0));
        outboxes.verify(record);
        send(0, 9, 1);
        outboxes.read(record);
        outboxes.read(record);
        assertEquals(List.of("0:1", "0:9"), heard);
    }

    private void send(final int spokeId, final long firstTaskId, final int count)
    {
        final Inbox outbox = Inbox.outboxOf(poolFile, spokeId);
        for (int i = 0; i < count; i++)
        {
            assertTrue(sender.sendStatus(outbox, firstTaskId + i, 1, spokeId, TaskOutcome.OK,
                StatusFlyweight.NO_JOURNAL_INDEX, new UnsafeBuffer(new byte[0]), 0, 0));
        }
    }
}

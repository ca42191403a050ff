package org.spm4j.shm.mailbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.test.ChildJvm;
import org.spm4j.shm.test.TestPools;

/**
 * Inboxes and outboxes between real JVM processes.
 */
class InboxMultiProcessTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);
    private static final String SHARED = "shared";

    @TempDir
    private Path root;

    /**
     * The test JVM is the hub; each child is a spoke. Each direction of each pair carries {@code perDirection}
     * messages, so 2 processes exchange 1,000,000 and 3 exchange 2,000,000. Towards the hub the children write
     * to their own outboxes, or all to one inbox, that of a slot no child takes.
     */
    @ParameterizedTest(name = "{0} spoke processes, to the hub through {1}")
    @CsvSource({ "1, outbox", "2, outbox", "2, shared" })
    @Timeout(120)
    void shouldExchangeAMillionMessagesWithNoneLostAndPerSenderOrderKept(final int spokes, final String toHub)
        throws Exception
    {
        final long perDirection = 500_000;
        final boolean shared = SHARED.equals(toHub);
        try (PoolFile poolFile = TestPools.create(root, shared ? spokes + 1 : spokes))
        {
            final List<ChildJvm> children = new ArrayList<>();
            try
            {
                for (int spokeId = 0; spokeId < spokes; spokeId++)
                {
                    children.add(ChildJvm.start(InboxExchangePeer.class, poolFile.path().toString(),
                        Integer.toString(spokeId), Long.toString(perDirection),
                        shared ? Integer.toString(spokes) : InboxExchangePeer.OUTBOX));
                }

                final long[] received = exchangeAsHub(poolFile, spokes, perDirection, shared);

                for (final ChildJvm child : children)
                {
                    assertEquals("DONE " + perDirection, child.awaitLine("", CHILD_TIMEOUT));
                    assertEquals(0, child.awaitExit(CHILD_TIMEOUT));
                }
                final long[] expected = new long[spokes];
                java.util.Arrays.fill(expected, perDirection);
                assertArrayEquals(expected, received);
            }
            finally
            {
                children.forEach(ChildJvm::close);
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldRecoverWhenAnInboxWriterIsKilledBetweenClaimAndCommit() throws Exception
    {
        try (PoolFile poolFile = TestPools.create(root, 1);
            ChildJvm writer = ChildJvm.start(ClaimAndHang.class, poolFile.path().toString(), "inbox"))
        {
            writer.awaitLine("CLAIMED", CHILD_TIMEOUT);
            writer.kill();

            final Inbox inbox =
                new Inbox("spoke 0 inbox", poolFile.spokeInboxBuffer(0), Duration.ofMillis(100).toNanos());
            final MessageSender sender = new MessageSender();
            final UnsafeBuffer payload = new UnsafeBuffer(new byte[Long.BYTES]);
            final int messages = 1_000;
            for (int i = 0; i < messages; i++)
            {
                payload.putLong(0, i);
                assertTrue(sender.sendPeer(inbox, 0L, 0, -1, 0, payload, 0, Long.BYTES));
            }

            final List<Long> received = readAll(inbox, messages);

            for (int i = 0; i < messages; i++)
            {
                assertEquals(i, received.get(i));
            }
            assertEquals(0, inbox.size());
        }
    }

    /**
     * An outbox is never unblocked: what its spoke committed before it was killed is read, its claim blocks the
     * ring until the hub empties it, and then the spoke that takes the slot is read from its first message.
     */
    @Test
    @Timeout(60)
    void shouldReadWhatAKilledSpokeCommittedToItsOutboxThenEmptyItForTheNextSpoke() throws Exception
    {
        try (PoolFile poolFile = TestPools.create(root, 1))
        {
            final Inbox outbox = Inbox.outboxOf(poolFile, 0);
            try (ChildJvm killed = ChildJvm.start(ClaimAndHang.class, poolFile.path().toString(), "outbox", "500"))
            {
                killed.awaitLine("CLAIMED", CHILD_TIMEOUT);
                killed.kill();
            }
            assertEquals(numbers(500), readAll(outbox, 500));
            assertEquals(0, outbox.read((type, buffer, index, length) -> { }, 100, Long.MAX_VALUE), "never unblocked");
            assertTrue(outbox.size() > 0, "the claim is still there");

            outbox.discardAllOfDeadWriter();

            assertEquals(0, outbox.size());
            try (ChildJvm next = ChildJvm.start(ClaimAndHang.class, poolFile.path().toString(), "outbox", "700"))
            {
                next.awaitLine("CLAIMED", CHILD_TIMEOUT);
                assertEquals(numbers(700), readAll(outbox, 700));
            }
        }
    }

    private static List<Long> numbers(final int count)
    {
        final List<Long> numbers = new ArrayList<>();
        for (long i = 0; i < count; i++)
        {
            numbers.add(i);
        }
        return numbers;
    }

    /**
     * Read {@code count} PEER messages, none of them the abandoned claim, and their numbers in the order read.
     */
    private static List<Long> readAll(final Inbox ring, final int count)
    {
        final List<Long> received = new ArrayList<>();
        final PeerFlyweight peer = new PeerFlyweight();
        final IdleStrategy idle = new BackoffIdleStrategy();
        while (received.size() < count)
        {
            idle.idle(ring.read((type, buffer, index, length) ->
            {
                peer.wrap(buffer, index, length);
                assertEquals(0, peer.from(), "the abandoned claim is never delivered");
                received.add(buffer.getLong(peer.payloadOffset()));
            }, 100, System.nanoTime()));
        }
        return received;
    }

    private static long[] exchangeAsHub(
        final PoolFile poolFile, final int spokes, final long perDirection, final boolean shared)
    {
        final Inbox[] toHub = new Inbox[shared ? 1 : spokes];
        final Inbox[] spokeInboxes = new Inbox[spokes];
        for (int spokeId = 0; spokeId < spokes; spokeId++)
        {
            spokeInboxes[spokeId] = new Inbox("spoke inbox", poolFile.spokeInboxBuffer(spokeId), Long.MAX_VALUE);
            if (!shared)
            {
                toHub[spokeId] = Inbox.outboxOf(poolFile, spokeId);
            }
        }
        if (shared)
        {
            toHub[0] = new Inbox("shared inbox", poolFile.spokeInboxBuffer(spokes), Long.MAX_VALUE);
        }
        final MessageSender sender = new MessageSender();
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[Long.BYTES]);
        final PeerFlyweight peer = new PeerFlyweight();
        final IdleStrategy idle = new BackoffIdleStrategy();
        final long[] sent = new long[spokes];
        final long[] received = new long[spokes];
        final MessageHandler inOrder = (type, buffer, index, length) ->
        {
            peer.wrap(buffer, index, length);
            final int from = peer.from();
            assertEquals(received[from], buffer.getLong(peer.payloadOffset()), "order from spoke " + from);
            received[from]++;
        };
        final long total = perDirection * spokes;
        long sentTotal = 0;
        long receivedTotal = 0;

        while (sentTotal < total || receivedTotal < total)
        {
            int work = 0;
            for (int spokeId = 0; spokeId < spokes; spokeId++)
            {
                if (sent[spokeId] < perDirection)
                {
                    payload.putLong(0, sent[spokeId]);
                    if (sender.sendPeer(spokeInboxes[spokeId], 0L, -1, spokeId, 0, payload, 0, Long.BYTES))
                    {
                        sent[spokeId]++;
                        sentTotal++;
                        work++;
                    }
                }
            }
            for (final Inbox ring : toHub)
            {
                final int read = ring.read(inOrder, 256, System.nanoTime());
                receivedTotal += read;
                work += read;
            }
            idle.idle(work);
        }
        return received;
    }
}

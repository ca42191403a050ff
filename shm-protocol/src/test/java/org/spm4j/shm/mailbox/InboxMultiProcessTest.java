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
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.test.ChildJvm;
import org.spm4j.shm.test.TestPools;

/**
 * Inboxes between real JVM processes.
 */
class InboxMultiProcessTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    private Path root;

    /**
     * The test JVM is the hub; each child is a spoke. Each direction of each pair carries
     * {@code perDirection} messages, so 2 processes exchange 1,000,000 and 3 exchange 2,000,000.
     */
    @ParameterizedTest(name = "{0} spoke processes")
    @ValueSource(ints = { 1, 2 })
    @Timeout(120)
    void shouldExchangeAMillionMessagesWithNoneLostAndPerSenderOrderKept(final int spokes) throws Exception
    {
        final long perDirection = 500_000;
        try (PoolFile poolFile = TestPools.create(root, spokes))
        {
            final List<ChildJvm> children = new ArrayList<>();
            try
            {
                for (int spokeId = 0; spokeId < spokes; spokeId++)
                {
                    children.add(ChildJvm.start(InboxExchangePeer.class,
                        poolFile.path().toString(), Integer.toString(spokeId), Long.toString(perDirection)));
                }

                final long[] received = exchangeAsHub(poolFile, spokes, perDirection);

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
    void shouldRecoverWhenAWriterIsKilledBetweenClaimAndCommit() throws Exception
    {
        try (PoolFile poolFile = TestPools.create(root, 1);
            ChildJvm writer = ChildJvm.start(ClaimAndHang.class, poolFile.path().toString()))
        {
            writer.awaitLine("CLAIMED", CHILD_TIMEOUT);
            writer.kill();

            final Inbox hubInbox = new Inbox("hub inbox", poolFile.hubInboxBuffer(), Duration.ofMillis(100).toNanos());
            final MessageSender sender = new MessageSender();
            final UnsafeBuffer payload = new UnsafeBuffer(new byte[Long.BYTES]);
            final int messages = 1_000;
            for (int i = 0; i < messages; i++)
            {
                payload.putLong(0, i);
                assertTrue(sender.sendPeer(hubInbox, 0L, 0, -1, 0, payload, 0, Long.BYTES));
            }

            final List<Long> received = new ArrayList<>();
            final PeerFlyweight peer = new PeerFlyweight();
            final IdleStrategy idle = new BackoffIdleStrategy();
            while (received.size() < messages)
            {
                idle.idle(hubInbox.read((type, buffer, index, length) ->
                {
                    peer.wrap(buffer, index, length);
                    assertEquals(0, peer.from(), "the abandoned claim is never delivered");
                    received.add(buffer.getLong(peer.payloadOffset()));
                }, 100, System.nanoTime()));
            }

            for (int i = 0; i < messages; i++)
            {
                assertEquals(i, received.get(i));
            }
            assertEquals(0, hubInbox.size());
        }
    }

    private static long[] exchangeAsHub(final PoolFile poolFile, final int spokes, final long perDirection)
    {
        final Inbox hubInbox = new Inbox("hub inbox", poolFile.hubInboxBuffer(), Long.MAX_VALUE);
        final Inbox[] spokeInboxes = new Inbox[spokes];
        for (int spokeId = 0; spokeId < spokes; spokeId++)
        {
            spokeInboxes[spokeId] = new Inbox("spoke inbox", poolFile.spokeInboxBuffer(spokeId), Long.MAX_VALUE);
        }
        final MessageSender sender = new MessageSender();
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[Long.BYTES]);
        final PeerFlyweight peer = new PeerFlyweight();
        final IdleStrategy idle = new BackoffIdleStrategy();
        final long[] sent = new long[spokes];
        final long[] received = new long[spokes];
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
            final int read = hubInbox.read((type, buffer, index, length) ->
            {
                peer.wrap(buffer, index, length);
                final int from = peer.from();
                assertEquals(received[from], buffer.getLong(peer.payloadOffset()), "order from spoke " + from);
                received[from]++;
            }, 256, System.nanoTime());
            receivedTotal += read;
            idle.idle(work + read);
        }
        return received;
    }
}

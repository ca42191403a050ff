package org.spm4j.shm.mailbox;

import java.nio.file.Path;

import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.test.TestPools;

/**
 * Child JVM that claims space in a ring of spoke 0, announces {@code CLAIMED}, and never commits, so the test can
 * kill it between claim and commit. With {@code inbox} it writes into the spoke's inbox, as one of its many
 * writers; with {@code outbox N}, as the spoke, it first sends N numbered PEER messages through the spoke's outbox.
 */
public final class ClaimAndHang
{
    /** The PEER sender the abandoned claim names. */
    static final int ABANDONED = 99;

    private ClaimAndHang()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        try (PoolFile poolFile = PoolFile.open(
            Path.of(args[0]), SystemEpochClock.INSTANCE, TestPools.CHILD_HEARTBEAT_TIMEOUT_MS))
        {
            final boolean outbox = "outbox".equals(args[1]);
            final Inbox ring = outbox ? Inbox.outboxOf(poolFile, 0) :
                new Inbox("spoke 0 inbox", poolFile.spokeInboxBuffer(0), Long.MAX_VALUE);
            final UnsafeBuffer payload = new UnsafeBuffer(new byte[Long.BYTES]);
            final MessageSender sender = new MessageSender();
            for (long i = 0, committed = outbox ? Long.parseLong(args[2]) : 0; i < committed; i++)
            {
                payload.putLong(0, i);
                if (!sender.sendPeer(ring, 0L, 0, -1, 0, payload, 0, Long.BYTES))
                {
                    throw new IllegalStateException("the ring is full after " + i + " messages");
                }
            }
            final int index = ring.tryClaim(MessageTypes.PEER, PeerFlyweight.HEADER_LENGTH + Long.BYTES);
            new PeerFlyweight().wrapForWrite(ring.buffer(), index, Long.BYTES).from(ABANDONED);
            System.out.println("CLAIMED " + index);
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}

package org.spm4j.shm.mailbox;

import java.nio.file.Path;

import org.agrona.concurrent.SystemEpochClock;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.test.TestPools;

/**
 * Child JVM that claims space in the hub inbox, announces {@code CLAIMED}, and never commits, so the
 * test can kill it between claim and commit.
 */
public final class ClaimAndHang
{
    private ClaimAndHang()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        try (PoolFile poolFile = PoolFile.open(
            Path.of(args[0]), SystemEpochClock.INSTANCE, TestPools.CHILD_HEARTBEAT_TIMEOUT_MS))
        {
            final Inbox hubInbox = new Inbox("hub inbox", poolFile.hubInboxBuffer(), Long.MAX_VALUE);
            final int index = hubInbox.tryClaim(MessageTypes.PEER, PeerFlyweight.HEADER_LENGTH + Long.BYTES);
            new PeerFlyweight().wrapForWrite(hubInbox.buffer(), index, Long.BYTES).from(99);
            System.out.println("CLAIMED " + index);
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}

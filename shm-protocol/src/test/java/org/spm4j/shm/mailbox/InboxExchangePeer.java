package org.spm4j.shm.mailbox;

import java.nio.file.Path;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.test.TestPools;

/**
 * Child JVM for {@link InboxMultiProcessTest}: as spoke {@code id}, sends {@code count} numbered PEER messages to
 * the hub, through its own outbox or, given a slot number, into the inbox of that slot, which every child writes
 * to, while receiving {@code count} numbered messages from the hub in its own inbox, checking they arrive in
 * order. Prints {@code DONE <received>} and exits 0, or {@code FAIL ...} and exits 1.
 * <p>
 * Arguments: pool file, spoke id, count, {@code outbox} or the slot whose inbox all children share.
 */
public final class InboxExchangePeer
{
    /** The last argument that has a child write to its own outbox. */
    static final String OUTBOX = "outbox";

    private InboxExchangePeer()
    {
    }

    public static void main(final String[] args)
    {
        final Path poolPath = Path.of(args[0]);
        final int spokeId = Integer.parseInt(args[1]);
        final long count = Long.parseLong(args[2]);

        try (PoolFile poolFile = PoolFile.open(
            poolPath, SystemEpochClock.INSTANCE, TestPools.CHILD_HEARTBEAT_TIMEOUT_MS))
        {
            final Inbox toHub = OUTBOX.equals(args[3]) ? Inbox.outboxOf(poolFile, spokeId) :
                new Inbox("shared inbox", poolFile.spokeInboxBuffer(Integer.parseInt(args[3])), Long.MAX_VALUE);
            final Inbox ownInbox = new Inbox("spoke inbox", poolFile.spokeInboxBuffer(spokeId), Long.MAX_VALUE);
            final MessageSender sender = new MessageSender();
            final UnsafeBuffer payload = new UnsafeBuffer(new byte[Long.BYTES]);
            final PeerFlyweight peer = new PeerFlyweight();
            final IdleStrategy idle = new BackoffIdleStrategy();
            final long[] expected = new long[1];
            final String[] failure = new String[1];

            long sent = 0;
            while ((sent < count || expected[0] < count) && null == failure[0])
            {
                int work = 0;
                if (sent < count)
                {
                    payload.putLong(0, sent);
                    if (sender.sendPeer(toHub, 0L, spokeId, -1, 0, payload, 0, Long.BYTES))
                    {
                        sent++;
                        work++;
                    }
                }
                work += ownInbox.read((type, buffer, index, length) ->
                {
                    final long sequence = peer.wrap(buffer, index, length).buffer().getLong(peer.payloadOffset());
                    if (sequence != expected[0])
                    {
                        failure[0] = "expected " + expected[0] + " got " + sequence;
                    }
                    expected[0]++;
                }, 256, System.nanoTime());
                idle.idle(work);
            }

            if (null != failure[0])
            {
                System.out.println("FAIL " + failure[0]);
                System.exit(1);
            }
            System.out.println("DONE " + expected[0]);
        }
    }
}

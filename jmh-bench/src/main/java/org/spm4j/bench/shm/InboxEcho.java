package org.spm4j.bench.shm;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.mailbox.Inbox;

/**
 * Child JVM of {@link InboxPingPongBenchmark}: as spoke 0, copies every record of its inbox, as it is,
 * into its outbox, until killed. Arguments: pool file, idle strategy name (see {@link ChildSide}).
 */
public final class InboxEcho implements MessageHandler
{
    private final Inbox outbox;

    private InboxEcho(final Inbox outbox)
    {
        this.outbox = outbox;
    }

    public static void main(final String[] args)
    {
        final IdleStrategy idle = ChildSide.idleStrategy(args[1]);
        try (PoolFile poolFile = ChildSide.open(args[0]))
        {
            final Inbox ownInbox = new Inbox("spoke 0 inbox", poolFile.spokeInboxBuffer(0), Long.MAX_VALUE);
            final InboxEcho echo = new InboxEcho(Inbox.outboxOf(poolFile, 0));
            ChildSide.ready(poolFile);
            while (true)
            {
                // no stall detection (infinite timeout), so no clock read per poll
                idle.idle(ownInbox.read(echo, Integer.MAX_VALUE));
            }
        }
    }

    @Override
    public void onMessage(final int typeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        int claimed;
        while ((claimed = outbox.tryClaim(typeId, length)) < 0)
        {
            Thread.onSpinWait();
        }
        outbox.buffer().putBytes(claimed, buffer, index, length);
        outbox.commit(claimed);
    }
}

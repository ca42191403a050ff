package org.spm4j.bench.shm;

import static org.agrona.BitUtil.SIZE_OF_LONG;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.closure.ClosureTableReader;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageSender;

/**
 * Child JVM of {@link ClosurePublishBenchmark}: as spoke 0, watches the closure table's fence (acquire);
 * when it advances, loads the newest definition and acknowledges its closure id with a PEER message through
 * its outbox. When the fence drops below what it has loaded, the hub has rewound the table: it starts
 * a fresh reader and acknowledges {@link #REWOUND}. Runs until killed. Arguments: pool file, idle
 * strategy name (see {@link ChildSide}).
 */
public final class ClosureFollower
{
    /** Acknowledgement of a rewound table. */
    static final long REWOUND = -1;
    /** PEER sender id of the follower. */
    static final int SPOKE = 0;
    /** PEER receiver id of the hub. */
    static final int HUB = -1;

    private final AtomicBuffer table;
    private final Inbox outbox;
    private final MessageSender sender = new MessageSender();
    private final UnsafeBuffer ack = new UnsafeBuffer(new byte[SIZE_OF_LONG]);
    private ClosureTableReader reader;
    private int loaded;

    private ClosureFollower(final AtomicBuffer table, final Inbox outbox)
    {
        this.table = table;
        this.outbox = outbox;
        this.reader = new ClosureTableReader(table);
    }

    public static void main(final String[] args)
    {
        final IdleStrategy idle = ChildSide.idleStrategy(args[1]);
        try (PoolFile poolFile = ChildSide.open(args[0]))
        {
            final ClosureFollower follower =
                new ClosureFollower(poolFile.closureTableBuffer(), Inbox.outboxOf(poolFile, SPOKE));
            ChildSide.ready(poolFile);
            while (true)
            {
                idle.idle(follower.doWork());
            }
        }
    }

    private int doWork()
    {
        final int fence = reader.publishedFenceVolatile();
        if (fence > loaded)
        {
            final int closureId = reader.definition(fence - 1).closureId();
            loaded = fence;
            acknowledge(closureId);
            return 1;
        }
        if (fence < loaded)
        {
            reader = new ClosureTableReader(table);
            loaded = 0;
            acknowledge(REWOUND);
            return 1;
        }
        return 0;
    }

    private void acknowledge(final long value)
    {
        ack.putLong(0, value);
        while (!sender.sendPeer(outbox, 0L, SPOKE, HUB, 0, ack, 0, SIZE_OF_LONG))
        {
            Thread.onSpinWait();
        }
    }
}

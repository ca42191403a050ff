package org.spm4j.shm.closure;

import java.nio.file.Path;

import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.SpokeSlot;
import org.spm4j.shm.test.TestPools;

/**
 * Child JVM for {@link ClosureTableMultiProcessTest}: follows the fence until {@code count} definitions
 * are published, checking each byte for byte and that nothing beyond the fence is ever readable. It
 * reports how many definitions it has loaded in spoke slot 0's heartbeat field, so the writer can keep
 * it close behind. Prints {@code OK <definitions> <fences seen>} or {@code FAIL <why>}.
 */
public final class ClosureTableFollower
{
    private ClosureTableFollower()
    {
    }

    public static void main(final String[] args)
    {
        final int count = Integer.parseInt(args[1]);
        try (PoolFile poolFile = PoolFile.open(
            Path.of(args[0]), SystemEpochClock.INSTANCE, TestPools.CHILD_HEARTBEAT_TIMEOUT_MS))
        {
            System.out.println("READY");
            final ClosureTableReader reader = new ClosureTableReader(poolFile.closureTableBuffer());
            System.out.println(follow(reader, poolFile.spokeSlot(0), count));
        }
    }

    private static String follow(final ClosureTableReader reader, final SpokeSlot progress, final int count)
    {
        final IdleStrategy idle = new YieldingIdleStrategy();
        int fencesSeen = 0;
        while (reader.cachedCount() < count)
        {
            final int before = reader.cachedCount();
            final int cached = reader.refresh();
            final int fenceAfter = reader.publishedFenceVolatile();
            if (cached > fenceAfter)
            {
                return "FAIL loaded " + cached + " definitions with the fence at " + fenceAfter;
            }
            for (int id = before; id < cached; id++)
            {
                final String mismatch = ExpectedClosures.mismatch(reader.definition(id));
                if (null != mismatch)
                {
                    return "FAIL " + mismatch;
                }
            }
            if (cached == fenceAfter && beyondFenceIsReadable(reader, cached))
            {
                return "FAIL closure " + cached + " was readable with the fence at " + fenceAfter;
            }
            fencesSeen += cached > before ? 1 : 0;
            progress.heartbeatRelease(cached);
            idle.idle(cached - before);
        }
        return "OK " + reader.cachedCount() + " " + fencesSeen;
    }

    private static boolean beyondFenceIsReadable(final ClosureTableReader reader, final int fence)
    {
        try
        {
            reader.definition(fence);
            return fence >= reader.publishedFenceVolatile();
        }
        catch (final ProtocolException expected)
        {
            return false;
        }
    }
}

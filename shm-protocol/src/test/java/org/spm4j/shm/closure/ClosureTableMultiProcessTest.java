package org.spm4j.shm.closure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.PoolLayout;
import org.spm4j.shm.SpokeSlot;
import org.spm4j.shm.test.ChildJvm;
import org.spm4j.shm.test.TestPools;

class ClosureTableMultiProcessTest
{
    private static final int PUBLICATIONS = 100_000;
    private static final int MAX_LAG = 16;

    @TempDir
    private Path root;

    @Test
    @Timeout(120)
    void shouldShowAnotherProcessEveryPublishedDefinitionAndNothingBeyondTheFence() throws Exception
    {
        final int definitions = IntStream.range(0, PUBLICATIONS).map(ClosureTableMultiProcessTest::batchSize).sum();
        try (PoolFile poolFile = TestPools.create(root, PoolLayout.of(1, 1 << 12, 32 << 20, 4));
            ChildJvm follower = ChildJvm.start(
                ClosureTableFollower.class, poolFile.path().toString(), Integer.toString(definitions)))
        {
            follower.awaitLine("READY", Duration.ofSeconds(60));
            final ClosureTableWriter writer = new ClosureTableWriter(poolFile.closureTableBuffer());
            for (int publication = 0; publication < PUBLICATIONS; publication++)
            {
                for (int i = batchSize(publication); i > 0; i--)
                {
                    ExpectedClosures.append(writer, writer.appendedCount());
                }
                awaitFollowerWithin(MAX_LAG, writer.publish(), poolFile.spokeSlot(0));
            }

            final String result = follower.awaitLine("", Duration.ofSeconds(60));
            System.out.println("closure table follower: " + result + " after " + PUBLICATIONS + " publications");
            assertTrue(result.startsWith("OK " + definitions + " "), result);
            final int fencesSeen = Integer.parseInt(result.split(" ")[2]);
            assertTrue(fencesSeen >= PUBLICATIONS / MAX_LAG, "the follower saw only " + fencesSeen + " fences");
            assertEquals(0, follower.awaitExit(Duration.ofSeconds(30)));
        }
    }

    private static int batchSize(final int publication)
    {
        return 1 + publication % 3;
    }

    /**
     * Keep the follower close behind so its reads interleave with appends and publications.
     */
    private static void awaitFollowerWithin(final int lag, final int fence, final SpokeSlot progress)
    {
        while (progress.heartbeatVolatile() < fence - lag)
        {
            Thread.yield();
        }
    }
}

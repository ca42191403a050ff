package org.spm4j.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.shm.test.TestPools;

class SpokeSlotTest
{
    @TempDir
    private Path root;

    @Test
    void shouldLetAnExternalSpokeClaimOnlyAnEmptySlot()
    {
        try (PoolFile pool = TestPools.create(root, 2))
        {
            final SpokeSlot slot = pool.spokeSlot(1);

            assertTrue(slot.tryClaim(4242));
            assertEquals(SpokeState.STARTING, slot.stateVolatile());
            assertEquals(4242, slot.pidVolatile());
            assertFalse(slot.tryClaim(4343), "a claimed slot");
            assertEquals(4242, slot.pidVolatile());

            slot.reset();
            assertTrue(slot.tryClaim(4343), "a slot the hub emptied again");
        }
    }

    @Test
    void shouldGiveASlotToOneOfManyClaimants() throws InterruptedException
    {
        try (PoolFile pool = TestPools.create(root, 1))
        {
            final SpokeSlot slot = pool.spokeSlot(0);
            final Set<Long> winners = ConcurrentHashMap.newKeySet();
            final CountDownLatch go = new CountDownLatch(1);
            final Thread[] claimants = new Thread[4];
            for (int i = 0; i < claimants.length; i++)
            {
                final long pid = 100 + i;
                claimants[i] = new Thread(() ->
                {
                    awaitQuietly(go);
                    if (slot.tryClaim(pid))
                    {
                        winners.add(pid);
                    }
                });
                claimants[i].start();
            }
            go.countDown();
            for (final Thread claimant : claimants)
            {
                claimant.join();
            }

            assertEquals(1, winners.size(), winners.toString());
            assertEquals(winners.iterator().next(), slot.pidVolatile());
        }
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}

package org.spm4j.shm.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;

import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.SpokeState;
import org.spm4j.shm.test.ChildJvm;
import org.spm4j.shm.test.TestPools;

class PoolCountersTest
{
    @TempDir
    private Path root;

    @Test
    void shouldFindCountersByTypeAndSpoke()
    {
        try (PoolFile poolFile = TestPools.create(root, 2))
        {
            final CountersManager manager = PoolCounters.manager(poolFile);
            PoolCounters.allocate(manager, CounterTypes.TASKS_COMPLETED, PoolCounters.TOTAL);
            final AtomicCounter spokeOne = PoolCounters.allocate(manager, CounterTypes.TASKS_COMPLETED, 1);

            final CountersReader reader = PoolCounters.reader(poolFile);
            final int found = PoolCounters.find(reader, CounterTypes.TASKS_COMPLETED, 1);

            assertEquals(spokeOne.id(), found);
            assertEquals(1, PoolCounters.spokeId(reader, found));
            assertEquals("tasks completed: spoke 1", reader.getCounterLabel(found));
            assertEquals(CountersReader.NULL_COUNTER_ID, PoolCounters.find(reader, CounterTypes.TASKS_FAILED, 1));
            assertEquals(CountersReader.NULL_COUNTER_ID, PoolCounters.find(reader, CounterTypes.TASKS_COMPLETED, 0));
        }
    }

    @Test
    @Timeout(60)
    void shouldShareCountersAndSlotsWithAnotherProcess() throws Exception
    {
        try (PoolFile poolFile = TestPools.create(root, 2))
        {
            final CountersManager manager = PoolCounters.manager(poolFile);
            final AtomicCounter submitted =
                PoolCounters.allocate(manager, CounterTypes.TASKS_SUBMITTED, PoolCounters.TOTAL);
            final AtomicCounter completed = PoolCounters.allocate(manager, CounterTypes.TASKS_COMPLETED, 1);
            submitted.setRelease(1234);

            try (ChildJvm child = ChildJvm.start(CountersPeer.class, poolFile.path().toString()))
            {
                assertEquals("SUBMITTED 1234 tasks submitted: total",
                    child.awaitLine("SUBMITTED", Duration.ofSeconds(60)));
                child.awaitLine("DONE", Duration.ofSeconds(60));
                assertEquals(0, child.awaitExit(Duration.ofSeconds(30)));

                assertEquals(5, completed.getAcquire());
                assertEquals(SpokeState.READY, poolFile.spokeSlot(1).stateVolatile());
                assertEquals(child.pid(), poolFile.spokeSlot(1).pidVolatile());
                assertEquals(SpokeState.EMPTY, poolFile.spokeSlot(0).stateVolatile());
            }
        }
    }
}

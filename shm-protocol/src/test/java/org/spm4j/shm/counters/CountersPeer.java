package org.spm4j.shm.counters;

import java.nio.file.Path;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.status.CountersReader;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.SpokeState;
import org.spm4j.shm.test.TestPools;

/**
 * Child JVM for {@link PoolCountersTest}: prints the pool-wide TASKS_SUBMITTED value, adds 5 to spoke
 * 1's TASKS_COMPLETED counter and marks its slot READY with its pid.
 */
public final class CountersPeer
{
    private CountersPeer()
    {
    }

    public static void main(final String[] args)
    {
        try (PoolFile poolFile = PoolFile.open(
            Path.of(args[0]), SystemEpochClock.INSTANCE, TestPools.CHILD_HEARTBEAT_TIMEOUT_MS))
        {
            final CountersReader reader = PoolCounters.reader(poolFile);
            final int submitted = PoolCounters.find(reader, CounterTypes.TASKS_SUBMITTED, PoolCounters.TOTAL);
            final int completed = PoolCounters.find(reader, CounterTypes.TASKS_COMPLETED, 1);
            System.out.println(
                "SUBMITTED " + reader.getCounterValue(submitted) + " " + reader.getCounterLabel(submitted));

            final AtomicBuffer values = reader.valuesBuffer();
            values.getAndAddLong(CountersReader.counterOffset(completed), 5);
            poolFile.spokeSlot(1).pidRelease(ProcessHandle.current().pid());
            poolFile.spokeSlot(1).stateRelease(SpokeState.READY);
            System.out.println("DONE");
        }
    }
}

package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.internal.local.LocalPool;
import org.spm4j.internal.PoolSnapshot;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.SpokeState;
import org.spm4j.shm.counters.CounterTypes;
import org.spm4j.shm.counters.PoolCounters;

class HubCountersTest
{
    @TempDir
    private Path root;

    @Test
    @Timeout(60)
    void shouldCountTasksForAnotherProcessToRead() throws Exception
    {
        final String markers = Files.createDirectory(root.resolve("markers")).toString();
        try (Pool pool = Pool.builder().spokes(2).root(root.resolve("pools")).build())
        {
            final Closure<Integer, Integer> flaky = pool.define("flaky", (Integer x) ->
            {
                if (3 == x && !Files.exists(Path.of(markers, "failed")))
                {
                    Files.createFile(Path.of(markers, "failed"));
                    throw new IllegalStateException("once");
                }
                return x;
            });
            pool.define("unused", (Integer x) -> x);
            try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.retry(1, ErrorPolicy.failFast())).start())
            {
                farm.map(flaky, Scenarios.range(10));
            }

            final PoolSnapshot snapshot = PoolSnapshot.read(
                ((LocalPool)pool).directory().resolve("pool.shm"), System.currentTimeMillis());
            assertTrue(snapshot.hubAlive());
            assertEquals(2, snapshot.spokes().size());
            assertEquals(10L, snapshot.totals().get("tasks completed"));
            assertEquals(SpokeState.READY, snapshot.spokes().get(0).state());
            assertEquals(10L, snapshot.spokes().get(0).counters().get("tasks completed") +
                snapshot.spokes().get(1).counters().get("tasks completed"));

            try (PoolFile poolFile = PoolFile.openWithoutLivenessCheck(
                ((LocalPool)pool).directory().resolve("pool.shm")))
            {
                final CountersReader reader = PoolCounters.reader(poolFile);
                assertEquals(11, total(reader, CounterTypes.TASKS_SUBMITTED), "10 tasks and one retry");
                assertEquals(10, total(reader, CounterTypes.TASKS_COMPLETED));
                assertEquals(1, total(reader, CounterTypes.TASKS_FAILED));
                assertEquals(1, total(reader, CounterTypes.TASKS_RETRIED));
                assertEquals(2, total(reader, CounterTypes.CLOSURES_PUBLISHED));
                final long perSpoke = reader.getCounterValue(
                    PoolCounters.find(reader, CounterTypes.TASKS_COMPLETED, 0)) +
                    reader.getCounterValue(PoolCounters.find(reader, CounterTypes.TASKS_COMPLETED, 1));
                assertEquals(10, perSpoke, "the spokes' counts add up to the total");
                assertTrue(reader.getCounterValue(PoolCounters.find(reader, CounterTypes.TASKS_COMPLETED, 1)) > 0,
                    "both spokes took tasks");
            }
        }
    }

    private static long total(final CountersReader reader, final int typeId)
    {
        return reader.getCounterValue(PoolCounters.find(reader, typeId, PoolCounters.TOTAL));
    }
}

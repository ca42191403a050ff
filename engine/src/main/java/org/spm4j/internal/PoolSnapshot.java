package org.spm4j.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.status.CountersReader;
import org.spm4j.shm.HubIdentity;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.SpokeSlot;
import org.spm4j.shm.SpokeSlotDescriptor;
import org.spm4j.shm.SpokeState;
import org.spm4j.shm.closure.ClosureTableReader;
import org.spm4j.shm.counters.CounterTypes;
import org.spm4j.shm.counters.PoolCounters;

/**
 * What a pool looks like right now, read from its pool file by any process without writing to it:
 * its hub, each spoke's slot and counters, and the pool-wide counters.
 *
 * @param poolFile          the pool file read.
 * @param hub               the hub that created it.
 * @param hubAlive          whether that hub still runs.
 * @param hubHeartbeatAgeMs milliseconds since the hub's last heartbeat.
 * @param spokes            each spoke, by id.
 * @param totals            pool-wide counters by name, e.g. "tasks completed".
 */
public record PoolSnapshot(
    Path poolFile, HubIdentity hub, boolean hubAlive, long hubHeartbeatAgeMs, List<Spoke> spokes,
    Map<String, Long> totals)
{
    /**
     * One spoke as its slot and counters show it.
     *
     * @param id             spoke id.
     * @param pid            its process id, 0 if none.
     * @param state          its state.
     * @param heartbeatAgeMs milliseconds since its last heartbeat.
     * @param currentTask    the task it runs, -1 if none.
     * @param closure        the name of that task's closure, null if none or not known.
     * @param taskAgeMs      milliseconds since that task started, -1 if none or not known.
     * @param counters       its counters by name, e.g. "tasks completed".
     */
    public record Spoke(int id, long pid, SpokeState state, long heartbeatAgeMs, long currentTask, String closure,
        long taskAgeMs, Map<String, Long> counters)
    {
    }

    /**
     * @param poolFile a pool file.
     * @param nowMs    the current time in epoch ms, to age heartbeats.
     * @return the pool's state now.
     * @throws ProtocolException naming the file and the problem if it is not a valid pool file.
     */
    public static PoolSnapshot read(final Path poolFile, final long nowMs)
    {
        try (PoolFile file = PoolFile.openWithoutLivenessCheck(poolFile))
        {
            final CountersReader counters = PoolCounters.reader(file);
            final List<Spoke> spokes = new ArrayList<>();
            final ClosureTableReader closures = new ClosureTableReader(file.closureTableBuffer());
            for (int spokeId = 0; spokeId < file.layout().spokeCount(); spokeId++)
            {
                final SpokeSlot slot = file.spokeSlot(spokeId);
                final long heartbeat = slot.heartbeatVolatile();
                final long task = slot.currentTaskVolatile();
                final int closureId = slot.taskClosureVolatile();
                final long startMs = slot.taskStartVolatile();
                final boolean known = SpokeSlotDescriptor.NO_TASK != task && task == slot.currentTaskVolatile() &&
                    startMs > 0;
                spokes.add(new Spoke(spokeId, slot.pidVolatile(), slot.stateVolatile(),
                    0 == heartbeat ? -1 : Math.max(0, nowMs - heartbeat), task,
                    known ? closureName(closures, closureId) : null, known ? Math.max(0, nowMs - startMs) : -1,
                    countersOf(counters, spokeId)));
            }
            return new PoolSnapshot(poolFile, file.hubIdentity(), file.hubIdentity().isAlive(),
                Math.max(0, nowMs - file.hubHeartbeatVolatile()), spokes, countersOf(counters, PoolCounters.TOTAL));
        }
    }

    private static String closureName(final ClosureTableReader closures, final int closureId)
    {
        try
        {
            return closures.definition(closureId).name();
        }
        catch (final ProtocolException ex)
        {
            return "#" + closureId;
        }
    }

    private static Map<String, Long> countersOf(final CountersReader reader, final int spokeId)
    {
        final Map<String, Long> values = new LinkedHashMap<>();
        for (int typeId = CounterTypes.TASKS_SUBMITTED; typeId <= CounterTypes.LAST; typeId++)
        {
            final int counterId = PoolCounters.find(reader, typeId, spokeId);
            if (CountersReader.NULL_COUNTER_ID != counterId)
            {
                values.put(CounterTypes.name(typeId), reader.getCounterValue(counterId));
            }
        }
        return values;
    }
}

package org.spm4j.internal.farm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.agrona.collections.Hashing;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The tasks a run has sent to spokes and not yet seen end, by task id and by spoke. Hub thread only.
 */
final class InFlightTasks
{
    // keyed by primitive task id: no boxed Long and no map node per task on the hub's hot path
    private final Long2ObjectHashMap<FarmTask> byId = new Long2ObjectHashMap<>(64, Hashing.DEFAULT_LOAD_FACTOR, false);
    private final int[] countPerSpoke;

    InFlightTasks(final int spokes)
    {
        countPerSpoke = new int[spokes];
    }

    int spokeCount()
    {
        return countPerSpoke.length;
    }

    void add(final FarmTask task, final int spokeId)
    {
        task.spokeId = spokeId;
        byId.put(task.id, task);
        countPerSpoke[spokeId]++;
    }

    /**
     * The task has ended on its spoke, or will never run there.
     */
    void land(final FarmTask task)
    {
        if (null != byId.remove(task.id))
        {
            countPerSpoke[task.spokeId]--;
        }
    }

    FarmTask get(final long taskId)
    {
        return byId.get(taskId);
    }

    /**
     * @return the task if this attempt of it is in flight; null for a stale or unknown one.
     */
    FarmTask current(final long taskId, final int attempt)
    {
        final FarmTask task = byId.get(taskId);
        return null != task && task.attempt == attempt ? task : null;
    }

    int countOn(final int spokeId)
    {
        return countPerSpoke[spokeId];
    }

    boolean isEmpty()
    {
        return byId.isEmpty();
    }

    /**
     * @return the spoke's tasks in the order they were submitted.
     */
    List<FarmTask> on(final int spokeId)
    {
        final List<FarmTask> tasks = new ArrayList<>();
        for (final FarmTask task : byId.values())
        {
            if (task.spokeId == spokeId)
            {
                tasks.add(task);
            }
        }
        tasks.sort(Comparator.comparingLong(task -> task.id));
        return tasks;
    }

    /**
     * @return every task in flight, in no particular order; a copy the caller may land tasks from.
     */
    List<FarmTask> all()
    {
        return new ArrayList<>(byId.values());
    }

    /**
     * @return every task in flight, emptied.
     */
    List<FarmTask> takeAll()
    {
        final List<FarmTask> tasks = all();
        byId.clear();
        Arrays.fill(countPerSpoke, 0);
        return tasks;
    }
}

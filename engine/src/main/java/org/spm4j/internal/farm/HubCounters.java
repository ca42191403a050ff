package org.spm4j.internal.farm;

import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.spm4j.shm.counters.CounterTypes;
import org.spm4j.shm.counters.PoolCounters;

/**
 * The counters a local pool's hub keeps in its pool file, for {@code spm stat} and anyone else to read
 * live: tasks submitted, completed, failed and retried per spoke and in total, closures published,
 * journal records seen, spokes found dead, and the bytes waiting in each spoke's inbox and in its outbox to the
 * hub (each spoke's by its id, the sum as the total). The hub thread is the only writer, so updates are release
 * stores. A serial pool has none: {@link #NONE}.
 */
public class HubCounters
{
    /** Counters of a pool that keeps none. */
    public static final HubCounters NONE = new HubCounters();

    private static final int[] TASK_TYPES =
    {
        CounterTypes.TASKS_SUBMITTED, CounterTypes.TASKS_COMPLETED, CounterTypes.TASKS_FAILED,
        CounterTypes.TASKS_RETRIED
    };

    private HubCounters()
    {
    }

    /**
     * @param manager the pool file's counters manager.
     * @param spokes  number of spokes.
     * @return counters allocated in the pool file.
     */
    public static HubCounters allocate(final CountersManager manager, final int spokes)
    {
        return new Allocated(manager, spokes);
    }

    void taskEvent(final int counterType, final int spokeId, final int count)
    {
    }

    /**
     * @param total closures published in all.
     */
    public void closuresPublished(final int total)
    {
    }

    void journalRecord()
    {
    }

    /**
     * @param spokeId a spoke, or {@link org.spm4j.shm.counters.PoolCounters#TOTAL} for all.
     * @param bytes   bytes waiting in its inbox, or in all.
     */
    public void inboxOccupancy(final int spokeId, final long bytes)
    {
    }

    /**
     * @param spokeId a spoke, or {@link org.spm4j.shm.counters.PoolCounters#TOTAL} for all.
     * @param bytes   bytes waiting for the hub in its outbox, or in all.
     */
    public void outboxOccupancy(final int spokeId, final long bytes)
    {
    }

    /**
     * @param count spokes found dead.
     */
    public void spokesLost(final int count)
    {
    }

    private static final class Allocated extends HubCounters
    {
        /** [task type index][1 + spoke id], index 0 the total. */
        private final AtomicCounter[][] tasks;
        private final AtomicCounter[] inboxes;
        private final AtomicCounter[] outboxes;
        private final AtomicCounter closures;
        private final AtomicCounter journalRecords;
        private final AtomicCounter spokesLost;

        Allocated(final CountersManager manager, final int spokes)
        {
            tasks = new AtomicCounter[TASK_TYPES.length][spokes + 1];
            inboxes = new AtomicCounter[spokes + 1];
            outboxes = new AtomicCounter[spokes + 1];
            for (int spokeId = PoolCounters.TOTAL; spokeId < spokes; spokeId++)
            {
                for (int type = 0; type < TASK_TYPES.length; type++)
                {
                    tasks[type][spokeId + 1] = PoolCounters.allocate(manager, TASK_TYPES[type], spokeId);
                }
                inboxes[spokeId + 1] = PoolCounters.allocate(manager, CounterTypes.INBOX_OCCUPANCY, spokeId);
                outboxes[spokeId + 1] = PoolCounters.allocate(manager, CounterTypes.OUTBOX_OCCUPANCY, spokeId);
            }
            closures = PoolCounters.allocate(manager, CounterTypes.CLOSURES_PUBLISHED, PoolCounters.TOTAL);
            journalRecords = PoolCounters.allocate(manager, CounterTypes.JOURNAL_RECORDS, PoolCounters.TOTAL);
            spokesLost = PoolCounters.allocate(manager, CounterTypes.SPOKES_LOST, PoolCounters.TOTAL);
        }

        @Override
        public void taskEvent(final int counterType, final int spokeId, final int count)
        {
            final AtomicCounter[] perSpoke = tasks[counterType - CounterTypes.TASKS_SUBMITTED];
            perSpoke[0].getAndAddRelease(count);
            if (spokeId >= 0 && spokeId + 1 < perSpoke.length)
            {
                perSpoke[spokeId + 1].getAndAddRelease(count);
            }
        }

        @Override
        public void closuresPublished(final int total)
        {
            closures.setRelease(total);
        }

        @Override
        public void journalRecord()
        {
            journalRecords.incrementRelease();
        }

        @Override
        public void inboxOccupancy(final int spokeId, final long bytes)
        {
            inboxes[spokeId + 1].setRelease(bytes);
        }

        @Override
        public void outboxOccupancy(final int spokeId, final long bytes)
        {
            outboxes[spokeId + 1].setRelease(bytes);
        }

        @Override
        public void spokesLost(final int count)
        {
            spokesLost.getAndAddRelease(count);
        }
    }
}

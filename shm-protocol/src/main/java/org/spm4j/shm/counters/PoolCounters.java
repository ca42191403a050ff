package org.spm4j.shm.counters;

import static org.agrona.concurrent.status.CountersReader.NULL_COUNTER_ID;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;
import org.spm4j.shm.PoolFile;

/**
 * Allocation and lookup of a pool's counters, typed by {@link CounterTypes} and keyed by spoke id.
 * The hub allocates (a {@link CountersManager} is not safe across processes); any process may read
 * through a {@link CountersReader} and update a counter it has been given.
 */
public final class PoolCounters
{
    /** Key of a pool-wide counter. */
    public static final int TOTAL = -1;

    private PoolCounters()
    {
    }

    /**
     * @param poolFile a mapped pool file.
     * @return a manager over its counters section; for the hub only.
     */
    public static CountersManager manager(final PoolFile poolFile)
    {
        return new CountersManager(
            poolFile.countersMetadataBuffer(), poolFile.countersValuesBuffer(), StandardCharsets.US_ASCII);
    }

    /**
     * @param poolFile a mapped pool file.
     * @return a reader of its counters section.
     */
    public static CountersReader reader(final PoolFile poolFile)
    {
        return new CountersReader(poolFile.countersMetadataBuffer(), poolFile.countersValuesBuffer());
    }

    /**
     * @param manager the hub's counters manager.
     * @param typeId  one of {@link CounterTypes}.
     * @param spokeId the spoke it counts for, or {@link #TOTAL}.
     * @return the new counter.
     */
    public static AtomicCounter allocate(final CountersManager manager, final int typeId, final int spokeId)
    {
        final UnsafeBuffer key = new UnsafeBuffer(new byte[Integer.BYTES]);
        key.putInt(0, spokeId);
        final String label = CounterTypes.name(typeId) + ": " + (TOTAL == spokeId ? "total" : "spoke " + spokeId);
        final UnsafeBuffer labelBuffer = new UnsafeBuffer(label.getBytes(StandardCharsets.US_ASCII));
        return manager.newCounter(typeId, key, 0, key.capacity(), labelBuffer, 0, labelBuffer.capacity());
    }

    /**
     * @param reader  a counters reader.
     * @param typeId  one of {@link CounterTypes}.
     * @param spokeId the spoke, or {@link #TOTAL}.
     * @return the counter id, or {@link CountersReader#NULL_COUNTER_ID} if none is allocated.
     */
    public static int find(final CountersReader reader, final int typeId, final int spokeId)
    {
        for (int id = 0, max = reader.maxCounterId(); id < max; id++)
        {
            final int state = reader.getCounterState(id);
            if (CountersReader.RECORD_UNUSED == state)
            {
                break;
            }
            if (CountersReader.RECORD_ALLOCATED == state && reader.getCounterTypeId(id) == typeId &&
                spokeId(reader, id) == spokeId)
            {
                return id;
            }
        }
        return NULL_COUNTER_ID;
    }

    /**
     * @param reader    a counters reader.
     * @param counterId an allocated counter.
     * @return the spoke it counts for, or {@link #TOTAL}.
     */
    public static int spokeId(final CountersReader reader, final int counterId)
    {
        return reader.metaDataBuffer().getInt(CountersReader.metaDataOffset(counterId) + CountersReader.KEY_OFFSET);
    }
}

package org.spm4j.shm.counters;

/**
 * Registry of the counter type ids a pool allocates in its counters section. Every counter's key is
 * the spoke id it counts for, or {@link PoolCounters#TOTAL} for the pool-wide figure.
 */
public final class CounterTypes
{
    /** Tasks handed to spokes. */
    public static final int TASKS_SUBMITTED = 1;
    /** Tasks that ended with a result. */
    public static final int TASKS_COMPLETED = 2;
    /** Task attempts that failed. */
    public static final int TASKS_FAILED = 3;
    /** Task attempts sent again after a failure. */
    public static final int TASKS_RETRIED = 4;
    /** Closure definitions published. */
    public static final int CLOSURES_PUBLISHED = 5;
    /** Records written to the error journal. */
    public static final int JOURNAL_RECORDS = 6;
    /** Bytes waiting in a spoke's inbox for the spoke, sampled. */
    public static final int INBOX_OCCUPANCY = 7;
    /** Spokes the hub found dead, whatever killed them. */
    public static final int SPOKES_LOST = 8;
    /** Bytes waiting in a spoke's outbox for the hub, sampled. */
    public static final int OUTBOX_OCCUPANCY = 9;
    /** The highest counter type id. */
    public static final int LAST = OUTBOX_OCCUPANCY;

    private static final String[] NAMES =
    {
        "unknown", "tasks submitted", "tasks completed", "tasks failed", "tasks retried", "closures published",
        "journal records", "inbox occupancy", "spokes lost", "outbox occupancy"
    };

    private CounterTypes()
    {
    }

    /**
     * @param typeId a counter type id.
     * @return its human name, or "unknown".
     */
    public static String name(final int typeId)
    {
        return typeId >= TASKS_SUBMITTED && typeId <= LAST ? NAMES[typeId] : NAMES[0];
    }
}

package org.spm4j.internal.journal;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.collections.Int2ObjectHashMap;
import org.spm4j.TaskFailure;
import org.spm4j.internal.codec.AllowListFilter;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.journal.ErrorJournal;
import org.spm4j.shm.journal.ErrorJournalLayout;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.journal.ErrorRecord;

/**
 * The hub's side of the Chronicle error journal: reads the record a FAILED status names by its spoke and index,
 * writes records on a spoke's behalf (in that spoke's queue, so a spoke id and an index name every record) and the
 * hub's own, turns records into {@link TaskFailure}s, and keeps every queue bounded by its {@link JournalRetention}.
 * <p>
 * Reading by index keeps no position in the journal and holds no record beyond the one asked for: a pool
 * on a persistent journal neither reads the journal's history nor takes a slot in its metadata. A failure read
 * from the journal makes its exception only when {@link TaskFailure#exception()} is first called. Every call
 * returns a failure, never waits past {@link #RECORD_WAIT_NS} and never throws for what the journal holds or fails
 * to hold.
 * <p>
 * Hub thread only. It may be made on another thread: nothing Chronicle binds to a thread is used before
 * the first call.
 */
public final class ChronicleHubJournal implements HubJournal, AutoCloseable
{
    /** Longest wait for a record a status names that is not in the journal yet. */
    static final long RECORD_WAIT_NS = TimeUnit.SECONDS.toNanos(5);

    private static final String UNKNOWN_CLOSURE = "#?";
    private static final long NO_INDEX = -1;
    private static final byte[] NO_BYTES = new byte[0];

    private final ErrorJournal journal;
    private final String poolId;
    private final AllowListFilter filter;
    private final JournalRetention retention;
    private final Int2ObjectHashMap<HubQueue> queues = new Int2ObjectHashMap<>();
    private final long housekeepingPeriodMs;
    private long nextHousekeepingMs = Long.MIN_VALUE;
    private boolean started;

    /**
     * @param journal the pool's error journal; closed with this.
     * @param poolId  the pool.
     * @param filter  which exception classes may be rebuilt from their bytes.
     */
    public ChronicleHubJournal(final ErrorJournal journal, final String poolId, final AllowListFilter filter)
    {
        this(journal, poolId, filter, JournalRetention.of(journal.directory(), poolId));
    }

    /**
     * @param journal   the pool's error journal, the hub's queue of it; closed with this.
     * @param poolId    the pool.
     * @param filter    which exception classes may be rebuilt from their bytes.
     * @param retention which cycles of the journal to release; a persistent journal's are released now
     *                  already, its history being no concern of this pool.
     */
    public ChronicleHubJournal(
        final ErrorJournal journal, final String poolId, final AllowListFilter filter, final JournalRetention retention)
    {
        this(journal, poolId, filter, retention, true);
    }

    /**
     * @param journal        the pool's error journal, the hub's queue of it; closed with this.
     * @param poolId         the pool.
     * @param filter         which exception classes may be rebuilt from their bytes.
     * @param retention      which cycles of the journal to release.
     * @param historyAtStart false if the journal held nothing when the pool started, though opened later: then
     *                       every record in it is this pool's.
     */
    public ChronicleHubJournal(
        final ErrorJournal journal,
        final String poolId,
        final AllowListFilter filter,
        final JournalRetention retention,
        final boolean historyAtStart)
    {
        this.journal = journal;
        this.poolId = poolId;
        this.filter = filter;
        this.retention = retention;
        this.housekeepingPeriodMs = JournalHousekeeper.quietPeriodMs(journal);
        started = !historyAtStart;
        queue(ErrorJournalLayout.HUB);
        if (historyAtStart)
        {
            openQueuesThereNow();
        }
        started = true;
        if (!retention.poolOwned())
        {
            housekeep();
        }
    }

    @Override
    public TaskFailure failureAt(final long journalIndex, final long taskId, final int attempt, final int spokeId)
    {
        final TaskFailure failure = journalIndex < 0 ?
            unrecorded(taskId, attempt, spokeId) : recorded(journalIndex, taskId, attempt, spokeId);
        housekeepWhenDue();
        return failure;
    }

    @Override
    public TaskFailure append(
        final ErrorKind kind,
        final long taskId,
        final int attempt,
        final String closureName,
        final int spokeId,
        final long pid,
        final Throwable cause,
        final long runId,
        final byte[] argument,
        final byte[] closure)
    {
        final TaskFailure failure = write(FailureRecords.create(
            new FailureRecords.Site(poolId, runId, taskId, attempt, closureName, spokeId, pid), kind, cause, argument,
            closure));
        housekeepWhenDue();
        return failure;
    }

    @Override
    public int maxRecordLength()
    {
        return journal.maxRecordLength();
    }

    /**
     * @return how many records this hub has read from the journal; those it wrote itself are not read.
     */
    public long recordsRead()
    {
        long read = 0;
        for (final HubQueue queue : queues.values())
        {
            read += queue.recordsRead();
        }
        return read;
    }

    /**
     * @return the journal.
     */
    ErrorJournal journal()
    {
        return journal;
    }

    /**
     * @return the journal's directory.
     */
    public Path directory()
    {
        return journal.directory();
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(queues.values());
        queues.clear();
        journal.close();
    }

    private TaskFailure recorded(final long journalIndex, final long taskId, final int attempt, final int spokeId)
    {
        final HubQueue queue;
        try
        {
            queue = queue(spokeId);
        }
        catch (final RuntimeException ex)
        {
            return violation(taskId, attempt, spokeId, reported(journalIndex, taskId, attempt, spokeId) + ", but " +
                "the hub cannot open that spoke's journal: " + ex);
        }
        if (journalIndex <= queue.startIndex())
        {
            return violation(taskId, attempt, spokeId, reported(journalIndex, taskId, attempt, spokeId) + ", which " +
                "is before pool " + poolId + " started (the journal " + queue.journal().directory() + " ended at " +
                "index " + queue.startIndex() + " then)");
        }
        final ErrorRecord record;
        try
        {
            record = awaitRecord(queue, journalIndex);
        }
        catch (final ProtocolException ex)
        {
            return violation(taskId, attempt, spokeId, reported(journalIndex, taskId, attempt, spokeId) + ", but " +
                "that record does not decode: " + ex.getMessage());
        }
        if (null == record)
        {
            final ErrorJournal spokeJournal = queue.journal();
            return violation(taskId, attempt, spokeId, reported(journalIndex, taskId, attempt, spokeId) + ", but " +
                spokeJournal.directory() + " holds no such record" +
                (spokeJournal.holdsCycle(spokeJournal.cycleOf(journalIndex)) ? "" : " (its cycle was released)"));
        }
        if (!poolId.equals(record.poolId()) || taskId != record.taskId() || attempt != record.attempt())
        {
            return violation(taskId, attempt, spokeId, reported(journalIndex, taskId, attempt, spokeId) + ", but " +
                "the record there is of pool " + record.poolId() + ", task " + record.taskId() + " attempt " +
                record.attempt());
        }
        queue.consumed(journalIndex);
        return toFailure(record, journalIndex);
    }

    private static String reported(final long journalIndex, final long taskId, final int attempt, final int spokeId)
    {
        return "spoke " + spokeId + " reported a failure of task " + taskId + " attempt " + attempt +
            " at journal index " + journalIndex;
    }

    /**
     * A spoke sends FAILED only once its append returned, so the record is there; the bounded wait covers
     * the journal's directory listing catching up with a cycle file another process just made. A record
     * in a cycle that has gone is not waited for.
     */
    private static ErrorRecord awaitRecord(final HubQueue queue, final long journalIndex)
    {
        final long deadlineNs = System.nanoTime() + RECORD_WAIT_NS;
        final ErrorJournal spokeJournal = queue.journal();
        final int cycle = spokeJournal.cycleOf(journalIndex);
        ErrorRecord record;
        while (null == (record = queue.read(journalIndex)) && System.nanoTime() < deadlineNs &&
            (cycle >= spokeJournal.currentCycle() || spokeJournal.holdsCycle(cycle)))
        {
            Thread.yield();
        }
        return record;
    }

    /**
     * The task did fail on the spoke; only its record is missing, so it goes through the policy as the task
     * failure it is, with what the hub knows.
     */
    private TaskFailure unrecorded(final long taskId, final int attempt, final int spokeId)
    {
        return write(FailureRecords.create(
            new FailureRecords.Site(poolId, 0, taskId, attempt, UNKNOWN_CLOSURE, spokeId, 0), ErrorKind.TASK_FAILED,
            new IllegalStateException("spoke " + spokeId + " reported task " + taskId + " failed (attempt " +
                attempt + ") but could not write its record to the error journal " + journal.directory() +
                ", so what the task threw is not known"), NO_BYTES, NO_BYTES));
    }

    private TaskFailure violation(final long taskId, final int attempt, final int spokeId, final String message)
    {
        return write(FailureRecords.create(
            new FailureRecords.Site(poolId, 0, taskId, attempt, UNKNOWN_CLOSURE, spokeId, 0),
            ErrorKind.PROTOCOL_VIOLATION, new IllegalStateException(message), NO_BYTES, NO_BYTES));
    }

    /**
     * A journal that cannot take the record (its device full, say) must not lose the failure: it is
     * returned without an index, saying why.
     */
    private TaskFailure write(final ErrorRecord record)
    {
        final long journalIndex;
        try
        {
            journalIndex = queue(record.spokeId()).append(record);
        }
        catch (final RuntimeException ex)
        {
            final TaskFailure failure = toFailure(record, NO_INDEX);
            failure.exception().addSuppressed(new IllegalStateException(
                "this failure's record could not be written to the error journal " + journal.directory(), ex));
            return failure;
        }
        return toFailure(record, journalIndex);
    }

    private TaskFailure toFailure(final ErrorRecord record, final long journalIndex)
    {
        return new TaskFailure(
            FailureKinds.of(record.kind()),
            record.taskId(),
            record.attempt(),
            record.closureName(),
            record.spokeId(),
            record.pid(),
            journalIndex,
            record.exceptionClass(),
            record.message(),
            record.stackTrace(),
            new DeferredException(record, filter));
    }

    /**
     * @param spokeId a spoke id, or {@link ErrorJournalLayout#HUB}.
     * @return its queue, opened at the first call. Every queue there when the pool started is opened then, so one
     *         opened later holds nothing from before the pool started.
     */
    private HubQueue queue(final int spokeId)
    {
        HubQueue queue = queues.get(spokeId);
        if (null == queue)
        {
            final ErrorJournal spokeJournal = journal.spokeJournal(spokeId);
            queue = new HubQueue(spokeJournal, retention, started ? NO_INDEX : spokeJournal.lastIndex());
            queues.put(spokeId, queue);
        }
        return queue;
    }

    /**
     * The queues a persistent journal holds already: their last index when the pool started tells a status naming
     * an older record, and their passed cycles are this pool's to release too.
     */
    private void openQueuesThereNow()
    {
        for (final int spokeId : ErrorJournalLayout.spokeQueueDirectories(journal.directory()).keySet())
        {
            queue(spokeId);
        }
    }

    private void housekeepWhenDue()
    {
        if (journal.currentTimeMs() >= nextHousekeepingMs)
        {
            housekeep();
        }
    }

    private void housekeep()
    {
        nextHousekeepingMs = journal.currentTimeMs() + housekeepingPeriodMs;
        if (!retention.poolOwned())
        {
            try
            {
                openQueuesThereNow();
            }
            catch (final RuntimeException ex)
            {
                // the queues already open are still kept bounded; the others wait for the next time
            }
        }
        for (final HubQueue queue : queues.values())
        {
            queue.releasePassedCycles();
        }
    }
}

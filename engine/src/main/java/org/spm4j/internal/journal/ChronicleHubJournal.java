package org.spm4j.internal.journal;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.spm4j.TaskFailure;
import org.spm4j.internal.codec.AllowListFilter;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.journal.ErrorJournal;
import org.spm4j.shm.journal.ErrorJournalAppender;
import org.spm4j.shm.journal.ErrorJournalReader;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.journal.ErrorRecord;

/**
 * The hub's side of the Chronicle error journal: reads the record a FAILED status names by its index,
 * writes records on a spoke's behalf, turns records into {@link TaskFailure}s, and keeps the journal
 * bounded by its {@link JournalRetention}.
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
    private final ErrorJournalAppender appender;
    private final ErrorJournalReader reader;
    private final JournalHousekeeper housekeeper;
    private final long startIndex;

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
     * @param journal   the pool's error journal; closed with this.
     * @param poolId    the pool.
     * @param filter    which exception classes may be rebuilt from their bytes.
     * @param retention which cycles of the journal to release; a persistent journal's are released now
     *                  already, its history being no concern of this pool.
     */
    public ChronicleHubJournal(
        final ErrorJournal journal, final String poolId, final AllowListFilter filter, final JournalRetention retention)
    {
        this.journal = journal;
        this.poolId = poolId;
        this.filter = filter;
        this.startIndex = journal.lastIndex();
        this.appender = journal.appender();
        this.reader = journal.reader();
        this.housekeeper = new JournalHousekeeper(journal, retention);
        if (!retention.poolOwned())
        {
            housekeeper.run(reader);
        }
    }

    @Override
    public TaskFailure failureAt(final long journalIndex, final long taskId, final int attempt, final int spokeId)
    {
        final TaskFailure failure = journalIndex < 0 ?
            unrecorded(taskId, attempt, spokeId) : recorded(journalIndex, taskId, attempt, spokeId);
        housekeeper.run(reader);
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
        housekeeper.run(reader);
        return failure;
    }

    /**
     * @return how many records this hub has read from the journal; those it wrote itself are not read.
     */
    public long recordsRead()
    {
        return reader.recordsRead();
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
        CloseHelper.closeAll(reader, appender, journal);
    }

    private TaskFailure recorded(final long journalIndex, final long taskId, final int attempt, final int spokeId)
    {
        if (journalIndex <= startIndex)
        {
            return violation(taskId, attempt, spokeId, reported(journalIndex, taskId, attempt, spokeId) + ", which " +
                "is before pool " + poolId + " started (the journal " + journal.directory() + " ended at index " +
                startIndex + " then)");
        }
        final ErrorRecord record;
        try
        {
            record = awaitRecord(journalIndex);
        }
        catch (final ProtocolException ex)
        {
            return violation(taskId, attempt, spokeId, reported(journalIndex, taskId, attempt, spokeId) + ", but " +
                "that record does not decode: " + ex.getMessage());
        }
        if (null == record)
        {
            return violation(taskId, attempt, spokeId, reported(journalIndex, taskId, attempt, spokeId) + ", but " +
                journal.directory() + " holds no such record" +
                (journal.holdsCycle(journal.cycleOf(journalIndex)) ? "" : " (its cycle was released)"));
        }
        if (!poolId.equals(record.poolId()) || taskId != record.taskId() || attempt != record.attempt())
        {
            return violation(taskId, attempt, spokeId, reported(journalIndex, taskId, attempt, spokeId) + ", but " +
                "the record there is of pool " + record.poolId() + ", task " + record.taskId() + " attempt " +
                record.attempt());
        }
        housekeeper.consumed(journalIndex);
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
    private ErrorRecord awaitRecord(final long journalIndex)
    {
        final long deadlineNs = System.nanoTime() + RECORD_WAIT_NS;
        final int cycle = journal.cycleOf(journalIndex);
        ErrorRecord record;
        while (null == (record = reader.readWithoutReplayBytes(journalIndex)) && System.nanoTime() < deadlineNs &&
            (cycle >= journal.currentCycle() || journal.holdsCycle(cycle)))
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
            journalIndex = appender.append(record);
        }
        catch (final RuntimeException ex)
        {
            final TaskFailure failure = toFailure(record, NO_INDEX);
            failure.exception().addSuppressed(new IllegalStateException(
                "this failure's record could not be written to the error journal " + journal.directory(), ex));
            return failure;
        }
        housekeeper.consumed(journalIndex);
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
}

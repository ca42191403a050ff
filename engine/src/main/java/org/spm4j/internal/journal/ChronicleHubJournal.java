package org.spm4j.internal.journal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.spm4j.TaskFailure;
import org.spm4j.internal.codec.AllowListFilter;
import org.spm4j.shm.journal.ErrorJournal;
import org.spm4j.shm.journal.ErrorJournalAppender;
import org.spm4j.shm.journal.ErrorJournalDrainer;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.journal.ErrorRecord;

/**
 * The hub's side of the Chronicle error journal: drains the records spokes write, writes records on a
 * spoke's behalf, and turns records into {@link TaskFailure}s. Hub thread only.
 */
public final class ChronicleHubJournal implements HubJournal, AutoCloseable
{
    private static final long RECORD_WAIT_NS = TimeUnit.SECONDS.toNanos(5);

    private final ErrorJournal journal;
    private final String poolId;
    private final ErrorJournalAppender appender;
    private final ErrorJournalDrainer drainer;
    private final AllowListFilter filter;
    private final Map<Long, ErrorRecord> drained = new HashMap<>();

    /**
     * @param journal the pool's error journal.
     * @param poolId  the pool, which names the hub's drainer.
     * @param filter  which exception classes may be rebuilt from their bytes.
     */
    public ChronicleHubJournal(final ErrorJournal journal, final String poolId, final AllowListFilter filter)
    {
        this.journal = journal;
        this.poolId = poolId;
        this.appender = journal.appender();
        this.drainer = journal.drainer("hub-" + poolId);
        this.filter = filter;
    }

    @Override
    public TaskFailure failureAt(final long journalIndex, final long taskId, final int attempt, final int spokeId)
    {
        final long deadlineNs = System.nanoTime() + RECORD_WAIT_NS;
        ErrorRecord record;
        while (null == (record = drained.remove(journalIndex)) && System.nanoTime() < deadlineNs)
        {
            if (0 == drainer.drain((drainedRecord, index) -> drained.put(index, drainedRecord), 1024))
            {
                Thread.onSpinWait();
            }
        }
        if (null == record)
        {
            return append(ErrorKind.PROTOCOL_VIOLATION, taskId, attempt, "#?", spokeId, 0,
                new IllegalStateException("spoke " + spokeId + " reported a failure of task " + taskId +
                    " at journal index " + journalIndex + " but no such record appeared in " + journal.directory()),
                0, new byte[0], new byte[0]);
        }
        return toFailure(record, journalIndex);
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
        final ErrorRecord record = FailureRecords.create(
            new FailureRecords.Site(poolId, runId, taskId, attempt, closureName, spokeId, pid), kind, cause, argument,
            closure);
        return toFailure(record, appender.append(record));
    }

    private TaskFailure toFailure(final ErrorRecord record, final long journalIndex)
    {
        final Throwable original = ExceptionBytes.deserialize(record.exceptionBytes(), filter);
        final Throwable exception = null != original ? original :
            RemoteStackTraces.rebuild(record.exceptionClass(), record.message(), record.stackTrace());
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
            exception);
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
        journal.close();
    }
}

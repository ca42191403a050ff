package org.spm4j.internal.farm;

import java.util.ArrayList;
import java.util.List;

import org.spm4j.FailureKind;
import org.spm4j.TaskFailure;
import org.spm4j.internal.journal.HubJournal;
import org.spm4j.shm.journal.ErrorKind;

/**
 * A journal in memory: a spoke's record reads back as a TASK_FAILED failure of the task the status named,
 * and what the hub appends is kept for the test to check.
 */
final class FakeJournal implements HubJournal
{
    /** Pid a spoke's own record names. */
    static final long SPOKE_PID = 4242;

    /**
     * A record the hub wrote.
     */
    record Appended(
        ErrorKind kind, long taskId, int attempt, String closureName, int spokeId, long pid, Throwable cause,
        long runId, byte[] argument, byte[] closure)
    {
    }

    private final List<Appended> appended = new ArrayList<>();
    private final List<Long> read = new ArrayList<>();
    private long nextIndex = 1;
    private boolean unreadable;
    private int maxRecordLength = Integer.MAX_VALUE;

    @Override
    public TaskFailure failureAt(final long journalIndex, final long taskId, final int attempt, final int spokeId)
    {
        if (unreadable)
        {
            throw new IllegalStateException("record " + journalIndex + " is torn");
        }
        read.add(journalIndex);
        final IllegalStateException thrown = new IllegalStateException("task " + taskId + " failed on purpose");
        return new TaskFailure(FailureKind.TASK_FAILED, taskId, attempt, FarmCoreFixture.CLOSURE_NAME, spokeId,
            SPOKE_PID, journalIndex, thrown.getClass().getName(), thrown.getMessage(), "", thrown);
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
        appended.add(new Appended(kind, taskId, attempt, closureName, spokeId, pid, cause, runId, argument, closure));
        return new TaskFailure(FailureKind.valueOf(kind.name()), taskId, attempt, closureName, spokeId, pid,
            nextIndex++, cause.getClass().getName(), cause.getMessage(), "", cause);
    }

    @Override
    public int maxRecordLength()
    {
        return maxRecordLength;
    }

    /**
     * @param maxRecordLength the most bytes a record may take from now on.
     */
    void maxRecordLength(final int maxRecordLength)
    {
        this.maxRecordLength = maxRecordLength;
    }

    /**
     * From now on every spoke record fails to read.
     */
    void makeUnreadable()
    {
        unreadable = true;
    }

    List<Appended> appended()
    {
        return appended;
    }

    List<ErrorKind> appendedKinds()
    {
        return appended.stream().map(Appended::kind).toList();
    }

    /**
     * @return the indices of spoke records read, in order.
     */
    List<Long> read()
    {
        return read;
    }
}

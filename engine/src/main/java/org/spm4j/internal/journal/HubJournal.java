package org.spm4j.internal.journal;

import org.spm4j.TaskFailure;
import org.spm4j.shm.journal.ErrorKind;

/**
 * The journal as a manager run on the hub sees it: records spokes wrote, read by the index their FAILED
 * status names, and records the hub writes on a spoke's behalf. Hub thread only.
 */
public interface HubJournal
{
    /**
     * @param journalIndex index a FAILED status names; negative if the spoke could not write its record.
     * @param taskId       the task the status is about.
     * @param attempt      its attempt.
     * @param spokeId      the spoke that sent the status.
     * @return the failure that record describes; a protocol violation if the record never appears.
     */
    TaskFailure failureAt(long journalIndex, long taskId, int attempt, int spokeId);

    /**
     * Write a record on a spoke's behalf (a crash, a deadline) or the hub's own (a callback failure).
     *
     * @param kind        what went wrong.
     * @param taskId      the task.
     * @param attempt     its attempt.
     * @param closureName its closure's name.
     * @param spokeId     the spoke it ran on, or -1 for the hub.
     * @param pid         that process's id.
     * @param cause       what the record describes.
     * @param runId       the manager run.
     * @param argument    the task's encoded argument as a record keeps it, for replay.
     * @param closure     its closure's definition, for replay.
     * @return the failure the record describes.
     */
    TaskFailure append(
        ErrorKind kind,
        long taskId,
        int attempt,
        String closureName,
        int spokeId,
        long pid,
        Throwable cause,
        long runId,
        byte[] argument,
        byte[] closure);

    /**
     * @return the most bytes a record may take.
     */
    default int maxRecordLength()
    {
        return Integer.MAX_VALUE;
    }
}

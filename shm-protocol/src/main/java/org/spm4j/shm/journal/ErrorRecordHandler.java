package org.spm4j.shm.journal;

/**
 * Receives the records an {@link ErrorJournalDrainer} reads, in journal order.
 */
@FunctionalInterface
public interface ErrorRecordHandler
{
    /**
     * @param record the record.
     * @param index  its journal index, as {@link ErrorJournalAppender#append(ErrorRecord)} returned it.
     */
    void onRecord(ErrorRecord record, long index);
}

package org.spm4j.shm.journal;

import org.spm4j.shm.ProtocolException;

/**
 * Receives what an {@link ErrorJournalScanner} found in place of a record that does not decode; the record is
 * skipped.
 */
@FunctionalInterface
public interface UndecodedRecordHandler
{
    /**
     * @param spokeId the spoke whose queue holds the record, or {@link ErrorJournalLayout#HUB}.
     * @param index   its journal index in that queue.
     * @param reason  what stopped it from decoding; the message names the index, the field and what was wrong.
     */
    void onUndecoded(int spokeId, long index, ProtocolException reason);
}

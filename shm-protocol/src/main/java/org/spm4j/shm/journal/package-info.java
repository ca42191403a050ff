/**
 * The error journal: every failure in a pool as a structured {@link org.spm4j.shm.journal.ErrorRecord}
 * in a Chronicle Queue directory, a file per roll cycle. Spokes append
 * ({@link org.spm4j.shm.journal.ErrorJournalAppender}); the hub reads each record by the index a FAILED
 * status names ({@link org.spm4j.shm.journal.ErrorJournalReader}, random access that keeps no position in the
 * journal) and releases the cycle files whose records are no longer needed; tools read in order with a named
 * tailer ({@link org.spm4j.shm.journal.ErrorJournalDrainer}). The record layout is
 * {@link org.spm4j.shm.journal.ErrorRecordCodec}.
 */
package org.spm4j.shm.journal;

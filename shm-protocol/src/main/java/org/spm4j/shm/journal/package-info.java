/**
 * The error journal: every failure in a pool as a structured {@link org.spm4j.shm.journal.ErrorRecord}
 * in Chronicle Queue directories, a file per roll cycle: a queue per spoke and one for the hub's own failures
 * ({@link org.spm4j.shm.journal.ErrorJournalLayout}), so spokes never take turns on one write lock. Spokes append
 * ({@link org.spm4j.shm.journal.ErrorJournalAppender}); the hub reads each record by the spoke and index a FAILED
 * status names ({@link org.spm4j.shm.journal.ErrorJournalReader}, random access that keeps no position in the
 * journal) and releases the cycle files whose records are no longer needed; tools read every queue merged by time
 * ({@link org.spm4j.shm.journal.ErrorJournalScanner}, read-only) or one queue with a named tailer
 * ({@link org.spm4j.shm.journal.ErrorJournalDrainer}). The record layout is
 * {@link org.spm4j.shm.journal.ErrorRecordCodec}.
 */
package org.spm4j.shm.journal;

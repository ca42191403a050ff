/**
 * The error journal: every failure in a pool as a structured {@link org.spm4j.shm.journal.ErrorRecord}
 * in a Chronicle Queue directory. Spokes append ({@link org.spm4j.shm.journal.ErrorJournalAppender}),
 * the hub drains with a named tailer ({@link org.spm4j.shm.journal.ErrorJournalDrainer}) and releases
 * the files it has read past. The record layout is {@link org.spm4j.shm.journal.ErrorRecordCodec}.
 */
package org.spm4j.shm.journal;

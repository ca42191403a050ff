/**
 * The error journal as the engine uses it, over {@code org.spm4j.shm.journal}:
 * {@link org.spm4j.internal.journal.FailureRecords} builds the record of a failed attempt the same way on a
 * spoke and on the hub, with the exception's serialized form ({@link org.spm4j.internal.journal.ExceptionBytes})
 * beside its text, which {@link org.spm4j.internal.journal.ThrowableText} writes trusting no method of the
 * exception; {@link org.spm4j.internal.journal.HubJournal} is the journal as a manager run on the hub sees
 * it, and {@link org.spm4j.internal.journal.ChronicleHubJournal} the Chronicle Queue one, which reads the record a
 * FAILED status names by its spoke and index ({@link org.spm4j.internal.journal.HubQueue}: each spoke appends to a
 * queue of its own; no position kept, no history read), writes the hub's own and turns records into failures whose
 * exception is made at first use ({@link org.spm4j.internal.journal.DeferredException}), rebuilt from its text
 * ({@link org.spm4j.internal.journal.RemoteStackTraces}) where its bytes do not deserialize; it keeps the journal
 * bounded by its
 * {@link org.spm4j.internal.journal.JournalRetention} through a {@link org.spm4j.internal.journal.JournalHousekeeper}
 * (a pool's own journal loses each cycle once its records were consumed, a persistent one keeps records for a
 * configured time); {@link org.spm4j.internal.journal.Journals} opens a pool's journal with the options all its
 * processes share.
 * <p>
 * Threads: the record builders are stateless and serve any thread. A hub journal is the hub thread's, since
 * Chronicle appenders and tailers belong to the thread that uses them; its pool closes it once the hub thread
 * has stopped. Spokes append from the thread that runs their tasks (see {@code org.spm4j.internal.task}).
 */
package org.spm4j.internal.journal;

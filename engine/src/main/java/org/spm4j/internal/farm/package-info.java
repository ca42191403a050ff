/**
 * One manager run on the hub, the same code for a local and a serial pool, and the seams a pool kind plugs
 * into. {@link org.spm4j.internal.farm.TaskFarmImpl} (and {@link org.spm4j.internal.farm.CrewImpl} over it) is
 * the user's side of a task farm, coordinator or crew: it encodes arguments
 * ({@link org.spm4j.internal.farm.ArgumentEncoder}, those too large for a message into segments that
 * {@link org.spm4j.internal.farm.SpilledArguments} deletes once their tasks have ended), bounds the tasks queued
 * ({@link org.spm4j.internal.farm.TaskQueueRoom}) and hands tasks to the hub thread through a
 * {@link org.spm4j.internal.farm.HubDriver}. {@link org.spm4j.internal.farm.FarmCore} and its parts are the run's
 * state machine: they queue tasks, balance them over spokes within a window, send them through a
 * {@link org.spm4j.internal.farm.Transport}, take statuses, enforce deadlines, treat a crew as one unit and apply
 * the error policy, writing the hub's records to the journal. {@link org.spm4j.internal.farm.FarmHost} is what a
 * run needs of its pool, {@link org.spm4j.internal.farm.HubCounters} the counters the hub keeps in the pool
 * file.
 * <p>
 * Threads: the user's side is thread-safe, so any thread may submit; arguments are encoded on the caller's
 * thread. The core, its tasks (but for their futures), the transport and the counters belong to the hub thread:
 * a local pool's hub agent thread, or a serial pool's caller. Futures complete, and status callbacks, error
 * policies and request handlers run, on the hub thread; other threads reach it only through a
 * {@code HubDriver}.
 */
package org.spm4j.internal.farm;

/**
 * The serial pool: the calling thread stands in for the hub and for the pool's one spoke, through the same
 * closure table, codecs, evaluator, journal records and policies as a local pool.
 * {@link org.spm4j.internal.serial.SerialHubDriver} drives the online farm's core on the caller's thread until
 * every task has its status; {@link org.spm4j.internal.serial.SerialTransport} evaluates each task as it is sent and
 * holds its status until the driver delivers it; {@link org.spm4j.internal.serial.SerialMessenger} takes a task's
 * request straight to the hub's handler, and a crew rank's messages to
 * {@link org.spm4j.internal.serial.SerialCrew}, which runs the ranks in a fixed order, so that runs are
 * deterministic.
 * <p>
 * Threads: any thread may use the pool, as a local one; the thread that holds the driver's lock is the hub
 * thread and the spoke at once, and runs other threads' calls (a {@code cancelAll}) between two tasks. A crew's
 * ranks run on threads of their own, passing a baton so that exactly one runs at a time. A request's handler
 * runs on the asking task's thread, with the task suspended.
 */
package org.spm4j.internal.serial;

/**
 * The local pool: spoke JVMs on this node sharing one pool file with the hub.
 * {@link org.spm4j.internal.local.LocalPool} creates the pool directory and file, launches the spokes and waits
 * for them to be READY, then starts {@link org.spm4j.internal.local.HubAgent}, the hub thread, which runs other
 * threads' commands against the online farm, reads statuses and requests from the spokes' outboxes into it
 * ({@link org.spm4j.internal.local.Outboxes}, fairly, each message counted as sent by the outbox's spoke),
 * heartbeats and watches the spokes. {@link org.spm4j.internal.local.LocalTransport} sends tasks and controls to
 * the spokes' inboxes, notices a spoke that died and launches another with an emptied inbox and outbox: a JVM
 * launched as the hub's child
 * ({@link org.spm4j.internal.local.SpokeLauncher}, {@link org.spm4j.internal.local.ChildSpokeProcess}) or, for a
 * pool that waits for external spokes, one that attaches on its own
 * ({@link org.spm4j.internal.local.ExternalSpokes}, {@link org.spm4j.internal.local.AttachedSpokeProcess}), as
 * {@link org.spm4j.internal.local.SpokeSupervisor} starts them for {@code spm spokes}.
 * <p>
 * Threads: the hub agent's thread owns the online farm and the transport; other threads reach it only through
 * {@link org.spm4j.internal.local.HubProxy}, which queues their calls as commands and abandons them with the
 * reason once the hub has closed or failed. A pool's constructor and {@code close} run on the caller's thread,
 * before the hub thread starts and after it has stopped, and its shutdown hook on a shutdown thread of the JVM. A
 * child spoke's output is pumped on threads of its own ({@link org.spm4j.internal.local.SpokeOutputPump}, bounded
 * per line and per second). A supervisor belongs to the thread that runs it.
 */
package org.spm4j.internal.local;

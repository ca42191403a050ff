/**
 * The spoke JVM. {@link org.spm4j.internal.spoke.SpokeMain} attaches to the pool file, takes or claims its slot,
 * and runs {@link org.spm4j.internal.spoke.SpokeAgent}'s duty cycle until the hub says stop or dies: read the
 * spoke's inbox (queueing tasks, obeying controls), run one queued task through the {@code task} package's
 * evaluator, send its status to the hub through the spoke's outbox, which no other process writes to. The spoke
 * opens its own queue of the error journal at its first failure, so one that never fails never pays for it, or as
 * its first task with a deadline starts. {@link org.spm4j.internal.spoke.SpokeMessenger} carries a running task's
 * requests to the hub through the same outbox, and a crew rank's messages to its peers' inboxes.
 * {@link org.spm4j.internal.spoke.SpokeCommand} is the command line a spoke starts with: the hub builds it, with the
 * JVM options of {@link org.spm4j.internal.spoke.SpokeJvmOptions} for the JDK described by
 * {@link org.spm4j.internal.spoke.SpokeJdk}, and stores it in the pool directory for spokes started from outside.
 * <p>
 * Every wait of a running task ends: {@code WaitLimits} bounds it by the task's deadline and the hub's heartbeat,
 * and a crew rank waiting for a peer also fails when {@code CrewDeadlockWatch} sees every rank of its crew
 * finished or waiting, as told by the {@code CrewMarks} each rank publishes in its spoke slot. Whatever ends the
 * duty cycle, the spoke stops its watchdog before it unmaps the pool file.
 * <p>
 * Threads: the spoke's main thread is its duty cycle and runs each task itself; a task that waits for the hub's
 * reply, a peer's message or room in a full inbox keeps reading the inbox on that thread, and writes failure
 * records. Beside it run daemon threads: the hub watchdog, which heartbeats the slot and halts the JVM when the hub
 * dies, and, once a task with a deadline starts, the journal opener. A {@code SpokeCommand} and a {@code SpokeJdk}
 * are immutable; {@code SpokeJvmOptions} is stateless.
 */
package org.spm4j.internal.spoke;

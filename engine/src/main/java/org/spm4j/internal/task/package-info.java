/**
 * Running one task, the same on a spoke and in a serial pool: {@link org.spm4j.internal.task.TaskEvaluator}
 * finds the closure, decodes the argument, applies the closure and encodes the result, and turns any failure on
 * the way into an error journal record; while the task runs, {@link org.spm4j.internal.task.TaskContext} gives
 * it the {@link org.spm4j.internal.task.Messenger} of its pool kind to ask or tell the hub, and a crew rank its
 * {@link org.spm4j.internal.task.PeerChannel}, with {@link org.spm4j.internal.task.TaskMessenger} checking what
 * the task's manager allows. {@link org.spm4j.internal.task.CrewArguments} puts a rank before a crew task's
 * argument, {@link org.spm4j.internal.task.LazyAppender} opens a journal appender at the first failure, on the
 * thread that uses it, and {@link org.spm4j.internal.task.Replay} runs the task of a journal record again in this
 * thread.
 * <p>
 * Threads: an evaluator and its messenger belong to the one thread that runs tasks: a spoke's duty cycle
 * thread, a serial pool's caller, or a serial crew's rank threads, which take turns. The running task's
 * messenger is thread-local. {@code CrewArguments} and {@code Replay} are stateless.
 */
package org.spm4j.internal.task;

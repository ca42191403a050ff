/**
 * Shell farms: task farms whose tasks are commands. On the hub, {@link org.spm4j.internal.shell.ShellFarmImpl}
 * submits each command as a {@link org.spm4j.internal.shell.ShellJob}, with its deadline and output cap resolved
 * ({@link org.spm4j.internal.shell.ShellFarmOptions}), to the pool's one shell closure,
 * {@link org.spm4j.internal.shell.ShellTask}. Where the task runs, that closure runs the command as a
 * {@link org.spm4j.internal.shell.ShellProcess} in a process tree that can be killed whole
 * ({@link org.spm4j.internal.shell.ProcessTree}: the command leads a session of its own where {@code setsid}
 * exists, which is killed when the process that runs the command dies, however it dies), its stdout and stderr
 * captured up to the cap ({@link org.spm4j.internal.shell.CapturedOutput}).
 * <p>
 * Threads: a shell farm is as thread-safe as the task farm it runs on. A command runs on the thread that runs
 * tasks (a spoke's duty cycle thread, a serial pool's caller), which it holds until the command exits or is
 * killed at its deadline; each of its output streams is read on a daemon thread of its own.
 */
package org.spm4j.internal.shell;

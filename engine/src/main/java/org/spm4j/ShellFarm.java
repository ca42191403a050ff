package org.spm4j;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

import org.spm4j.internal.shell.ShellFarmOptions;

/**
 * A task farm whose tasks are stand-alone commands (the paper's shell policy): each runs as a child
 * process of a spoke, with its working directory and environment, an empty stdin, its stdout and stderr
 * captured up to a cap, and a hard deadline at which it is killed with every process it started. A zero
 * exit is the task's result; a non-zero exit or a deadline is a {@link ShellCommandException}, the
 * task's failure, and goes through the error policy like any other, retries included. Online from
 * {@link Builder#start()} to {@link #close()}, like a {@link TaskFarm}; when {@code run} or {@code close}
 * returns, no command is running.
 * <p>
 * A command is over when it exits: background processes it leaves running are killed then. Each
 * command leads a session of its own (through {@code setsid}, where it is on the {@code PATH}), which is
 * how the processes it started are found, orphans included; only a process that starts a session of its
 * own, as a daemon does, escapes. Without {@code setsid}, only the command's live descendants are found.
 * <pre>{@code
 * try (Pool pool = Pool.local(2);
 *     ShellFarm farm = pool.shellFarm().deadline(Duration.ofMinutes(1)).start())
 * {
 *     List<ShellResult> results = farm.run(List.of(
 *         ShellCommand.of("uname", "-s"),
 *         ShellCommand.shell("echo $GREETING | tr a-z A-Z").environment("GREETING", "hello")));
 *     results.forEach(result -> System.out.print(result.stdout()));
 * }
 * }</pre>
 * {@code submit}, {@code run} and {@code cancelAll} may be called from any thread; status callbacks and
 * error policies run on the hub thread.
 */
public interface ShellFarm extends AutoCloseable
{
    /**
     * @param command the command.
     * @return its result to come; completes exceptionally with a {@link ParallelException} if it fails
     *         for good, cancelled if it is cancelled.
     * @throws ParallelException if the farm has already failed fast.
     */
    CompletableFuture<ShellResult> submit(ShellCommand command);

    /**
     * Run every command and return the results in order.
     *
     * @param commands the commands.
     * @return results in command order; null where a failure was ignored.
     * @throws ParallelException if commands failed and the policy did not absorb it.
     */
    List<ShellResult> run(List<ShellCommand> commands);

    /**
     * Cancel every command not started yet. A command already running finishes; its result is dropped.
     */
    void cancelAll();

    /**
     * Wait for every command, then go offline.
     *
     * @throws ParallelException with the failures not yet reported by {@code run}.
     */
    @Override
    void close();

    /**
     * Options of a shell farm; {@link #start()} brings it online. Not thread-safe.
     */
    final class Builder
    {
        private final Function<ShellFarmOptions, ShellFarm> starter;
        private ErrorPolicy errorPolicy = ErrorPolicy.failFast();
        private Duration deadline;
        private int outputCap = ShellFarmOptions.DEFAULT_OUTPUT_CAP;
        private Consumer<TaskStatus> onStatus;
        private int window = 1;
        private int commandsPerSpoke = 1;

        /**
         * @param starter what brings a farm online with the options; supplied by the pool.
         */
        public Builder(final Function<ShellFarmOptions, ShellFarm> starter)
        {
            this.starter = starter;
        }

        /**
         * @param errorPolicy what to do with failed commands; fail-fast by default.
         * @return this.
         */
        public Builder errorPolicy(final ErrorPolicy errorPolicy)
        {
            this.errorPolicy = Objects.requireNonNull(errorPolicy, "errorPolicy");
            return this;
        }

        /**
         * @param deadline hard limit on the running time of each command without one of its own: at
         *                 expiry the command and every process it started are killed and it fails. None
         *                 by default.
         * @return this.
         */
        public Builder deadline(final Duration deadline)
        {
            if (deadline.isNegative() || deadline.isZero())
            {
                throw new IllegalArgumentException("deadline must be positive: " + deadline);
            }
            this.deadline = deadline;
            return this;
        }

        /**
         * @param outputCap bytes kept of each command's stdout and of its stderr; the rest is read and
         *                  dropped. By default as much as fits a status message of the pool, about a
         *                  sixteenth of {@link PoolBuilder#inboxCapacity(int)} per stream.
         * @return this.
         */
        public Builder outputCap(final int outputCap)
        {
            if (outputCap < 0)
            {
                throw new IllegalArgumentException("outputCap must be >= 0: " + outputCap);
            }
            this.outputCap = outputCap;
            return this;
        }

        /**
         * @param onStatus called on the hub thread for each command's change of state while online.
         * @return this.
         */
        public Builder onStatus(final Consumer<TaskStatus> onStatus)
        {
            this.onStatus = onStatus;
            return this;
        }

        /**
         * @param window most commands in flight per spoke, one running and the rest queued. 1 by default:
         *               commands are long next to the hand-over, and a command queued behind another on a
         *               busy spoke would wait while an idle spoke could run it. Unused with
         *               {@link #commandsPerSpoke} above 1, where none is queued.
         * @return this.
         */
        public Builder window(final int window)
        {
            if (window < 1)
            {
                throw new IllegalArgumentException("window must be >= 1: " + window);
            }
            this.window = window;
            return this;
        }

        /**
         * @param commandsPerSpoke most commands a spoke runs at once, 1 by default. Above 1, a spoke runs each
         *                         command it is sent at once, waiting for it on a thread rather than in a JVM of
         *                         its own, so that commands that mostly wait (I/O, the network, {@code sleep}) run
         *                         many at a time on few spokes; the window is then this many. On a serial pool
         *                         commands still run one at a time.
         * @return this.
         */
        public Builder commandsPerSpoke(final int commandsPerSpoke)
        {
            if (commandsPerSpoke < 1)
            {
                throw new IllegalArgumentException("commandsPerSpoke must be >= 1: " + commandsPerSpoke);
            }
            this.commandsPerSpoke = commandsPerSpoke;
            return this;
        }

        /**
         * Bring the farm online: a parallel sequence point.
         *
         * @return the online farm.
         * @throws ParallelInvariantException if another manager is online on the pool.
         * @throws IllegalArgumentException   if the output cap does not fit a status message of the pool.
         */
        public ShellFarm start()
        {
            return starter.apply(new ShellFarmOptions(errorPolicy, deadline, outputCap, onStatus, window,
                commandsPerSpoke));
        }
    }
}

package org.spm4j;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.spm4j.internal.farm.FarmOptions;

/**
 * Coarse-grain parallel manager (the paper's Partition/List pattern): independent tasks, each ending
 * with one status report to the hub. Online from {@link Builder#start()} to {@link #close()}; when
 * {@code map} or {@code close} returns, no task is pending or running.
 * <p>
 * {@code submit}, {@code map} and {@code cancelAll} may be called from any thread; status callbacks and
 * error policies run on the hub thread.
 */
public interface TaskFarm extends AutoCloseable
{
    /**
     * @param closure  a closure defined in this pool.
     * @param argument its argument, encoded now, of any size the node's memory holds.
     * @param <A>      argument type.
     * @param <R>      result type.
     * @return the result to come; completes exceptionally with a {@link ParallelException} if the task
     *         fails for good, cancelled if it is cancelled.
     * @throws IllegalArgumentException if the argument cannot be encoded, naming why, or is larger than the pool
     *                                  root's file system has free, naming its size, the free bytes and the path.
     * @throws ParallelException        if the farm has already failed fast.
     */
    <A, R> CompletableFuture<R> submit(Closure<A, R> closure, A argument);

    /**
     * Run the closure over every argument and return the results in argument order.
     *
     * @param closure   a closure defined in this pool.
     * @param arguments its arguments.
     * @param <A>       argument type.
     * @param <R>       result type.
     * @return results in argument order; null where a failure was ignored.
     * @throws ParallelException        if tasks failed and the policy did not absorb it.
     * @throws IllegalArgumentException before any task runs, as {@link #submit} does for an argument.
     */
    <A, R> List<R> map(Closure<A, R> closure, List<? extends A> arguments);

    /**
     * Cancel every task that has not started. A task already running finishes, and its future gets its
     * result or failure as usual.
     */
    void cancelAll();

    /**
     * Wait for every task, then go offline.
     *
     * @throws ParallelException with the failures not yet reported by {@code map}.
     */
    @Override
    void close();

    /**
     * Options of a task farm; {@link #start()} brings it online. Not thread-safe.
     */
    final class Builder extends ManagerBuilder<Builder>
    {
        private final Function<FarmOptions, TaskFarm> starter;
        private int chunkSize = FarmOptions.AUTO_CHUNK_SIZE;

        /**
         * @param starter what brings a farm online with the options; supplied by the pool.
         */
        public Builder(final Function<FarmOptions, TaskFarm> starter)
        {
            this.starter = starter;
        }

        @Override
        protected Builder self()
        {
            return this;
        }

        /**
         * How many arguments of a {@link TaskFarm#map map} travel to a spoke in one message, their results back in
         * one: by default as many as run in about a millisecond, measured as the map goes, and fewer towards its
         * end so that every spoke finishes together. Each argument is still a task of its own: it fails, retries
         * and is journaled alone, and the result is the same whatever the chunk size. A farm with a deadline sends
         * each alone.
         *
         * @param chunkSize arguments per message; 1 sends each alone; 0 (the default) sizes chunks by time.
         * @return this.
         */
        public Builder chunkSize(final int chunkSize)
        {
            if (chunkSize < 0)
            {
                throw new IllegalArgumentException("chunkSize must be >= 0: " + chunkSize);
            }
            this.chunkSize = chunkSize;
            return this;
        }

        /**
         * Bring the farm online: a parallel sequence point.
         *
         * @return the online farm.
         * @throws ParallelInvariantException if another manager is online on the pool.
         */
        public TaskFarm start()
        {
            return starter.apply(new FarmOptions("task farm", errorPolicy, deadline, onStatus, window, null)
                .withQueue(queueLimit, queueWait)
                .withChunkSize(chunkSize));
        }
    }
}

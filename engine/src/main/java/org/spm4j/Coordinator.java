package org.spm4j;

import java.util.Objects;
import java.util.function.Function;

import org.spm4j.internal.farm.FarmOptions;
import org.spm4j.internal.task.TaskContext;

/**
 * Fine-grain parallel manager, limited: a task farm whose tasks may send requests to the hub and wait
 * for the reply ({@link #ask}) or send one-way notes ({@link #tell}). The hub answers in its
 * {@link RequestHandler}, on the hub thread, and may only reply. A reply meant for an attempt that has
 * ended or been retried is dropped, never delivered to another attempt.
 * <pre>{@code
 * try (Pool pool = Pool.local(2))
 * {
 *     Closure<Integer, Integer> search = pool.define("search", (Integer start) ->
 *     {
 *         int best = Coordinator.<Integer>ask("best so far?");
 *         for (int candidate = start; candidate < start + 1000; candidate++)
 *         {
 *             int score = (candidate * 7919) % 10007;
 *             if (score > best)
 *             {
 *                 best = score;
 *                 Coordinator.tell(best);                       // report an improvement
 *             }
 *         }
 *         return best;
 *     });
 *     int[] best = { 0 };
 *     try (Coordinator coordinator = pool.coordinator().onRequest(request ->
 *     {
 *         if (!request.expectsReply())
 *         {
 *             best[0] = Math.max(best[0], (Integer)request.message());
 *         }
 *         return best[0];                                       // the reply to an ask
 *     }).start())
 *     {
 *         coordinator.map(search, List.of(0, 1000, 2000, 3000));
 *     }
 *     System.out.println("best score " + best[0]);
 * }
 * }</pre>
 * Thread-safety as {@link TaskFarm}; {@code ask} and {@code tell} are for the thread running a task.
 */
public interface Coordinator extends TaskFarm
{
    /**
     * Send a request to the hub and wait for its reply; only from a task of a coordinator.
     *
     * @param request what to send, encoded with the pool's codec.
     * @param <T>     the reply's type.
     * @return the hub's reply.
     * @throws ParallelInvariantException if called outside a task, or from a task of a manager whose tasks
     *                                    may not message the hub.
     */
    @SuppressWarnings("unchecked")
    static <T> T ask(final Object request)
    {
        return (T)TaskContext.messenger("Coordinator.ask").ask(request);
    }

    /**
     * Send a note to the hub without waiting; only from a task of a coordinator.
     *
     * @param note what to send, encoded with the pool's codec.
     * @throws ParallelInvariantException if called outside a task, or from a task of a manager whose tasks
     *                                    may not message the hub.
     */
    static void tell(final Object note)
    {
        TaskContext.messenger("Coordinator.tell").tell(note);
    }

    /**
     * Options of a coordinator; {@link #start()} brings it online. Not thread-safe.
     */
    final class Builder extends ManagerBuilder<Builder>
    {
        private final Function<FarmOptions, TaskFarm> starter;
        private RequestHandler requestHandler;

        /**
         * @param starter what brings a coordinator online with the options; supplied by the pool.
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
         * @param requestHandler answers tasks' requests on the hub thread; required.
         * @return this.
         */
        public Builder onRequest(final RequestHandler requestHandler)
        {
            this.requestHandler = Objects.requireNonNull(requestHandler, "requestHandler");
            return this;
        }

        /**
         * Bring the coordinator online: a parallel sequence point.
         *
         * @return the online coordinator.
         * @throws ParallelInvariantException if another manager is online on the pool.
         * @throws IllegalStateException      if no request handler was given.
         */
        public Coordinator start()
        {
            if (null == requestHandler)
            {
                throw new IllegalStateException("a coordinator needs a request handler: onRequest(...)");
            }
            return (Coordinator)starter.apply(
                new FarmOptions("coordinator", errorPolicy, deadline, onStatus, window, requestHandler)
                    .withQueue(queueLimit, queueWait));
        }
    }
}

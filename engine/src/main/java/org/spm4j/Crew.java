package org.spm4j;

import java.util.List;
import java.util.function.Function;

import org.spm4j.internal.farm.FarmOptions;
import org.spm4j.internal.task.PeerChannel;
import org.spm4j.internal.task.TaskContext;

/**
 * Fine-grain parallel manager, general (SPMD): one closure runs on every spoke of the crew at once,
 * each knowing its {@link #rank()} and the crew's {@link #size()}, and the ranks message each other
 * with {@link #send}/{@link #receive} and the collectives built on them. The crew is one unit: if any
 * rank fails or its spoke dies, every rank is stopped, the spokes are relaunched, one CREW_FAILED
 * record names the first failure, and the error policy decides: {@code retry} reruns the whole crew,
 * anything else ends it with that failure.
 * <pre>{@code
 * try (Pool pool = Pool.local(2))
 * {
 *     Closure<Integer, Double> mean = pool.define("mean", (Integer samples) ->
 *     {
 *         double local = 0;
 *         for (int i = Crew.rank(); i < samples; i += Crew.size())
 *         {
 *             local += i;
 *         }
 *         double[] total = Crew.allReduce(new double[] { local }, ReduceOp.SUM);
 *         return total[0] / samples;                           // the same on every rank
 *     });
 *     try (Crew crew = pool.crew().start())
 *     {
 *         System.out.println("means by rank " + crew.run(mean, 1000));
 *     }
 * }
 * }</pre>
 * On a serial pool the ranks run in one process, one at a time, switching only when a rank waits for
 * a message, so a run is deterministic. {@code run} may be called from one thread at a time; the
 * static operations are for the thread running a crew task.
 */
public interface Crew extends AutoCloseable
{
    /**
     * Run the closure on every rank with the same argument.
     *
     * @param closure  a closure defined in this pool.
     * @param argument given to every rank.
     * @param <A>      argument type.
     * @param <R>      result type.
     * @return each rank's result, in rank order.
     * @throws ParallelException if the crew failed and the policy did not rerun it to success.
     */
    <A, R> List<R> run(Closure<A, R> closure, A argument);

    /**
     * Go offline.
     */
    @Override
    void close();

    /**
     * @return the rank of the calling task, 0 to size - 1.
     */
    static int rank()
    {
        return channel("Crew.rank").rank();
    }

    /**
     * @return the number of ranks in the crew.
     */
    static int size()
    {
        return channel("Crew.size").size();
    }

    /**
     * @param to      the receiving rank.
     * @param message what to send, encoded with the pool's codec.
     */
    static void send(final int to, final Object message)
    {
        channel("Crew.send").send(to, PeerChannel.DATA, message);
    }

    /**
     * Wait for the next message from a rank.
     *
     * @param from the sending rank.
     * @param <T>  the message's type.
     * @return the message.
     */
    @SuppressWarnings("unchecked")
    static <T> T receive(final int from)
    {
        return (T)channel("Crew.receive").receive(from, PeerChannel.DATA);
    }

    /**
     * Wait until every rank has reached the barrier.
     */
    static void barrier()
    {
        channel("Crew.barrier").barrier();
    }

    /**
     * @param root  the rank whose value everyone gets.
     * @param value the root's value; ignored on other ranks.
     * @param <T>   the value's type.
     * @return the root's value, on every rank.
     */
    static <T> T broadcast(final int root, final T value)
    {
        return channel("Crew.broadcast").broadcast(root, value);
    }

    /**
     * @param root   the rank that gets the result.
     * @param values this rank's array; every rank gives the same length.
     * @param op     how to combine.
     * @return the element-wise combination on the root, null elsewhere.
     */
    static double[] reduce(final int root, final double[] values, final ReduceOp op)
    {
        return channel("Crew.reduce").reduce(root, values, op::apply);
    }

    /**
     * @param values this rank's array; every rank gives the same length.
     * @param op     how to combine.
     * @return the element-wise combination, on every rank.
     */
    static double[] allReduce(final double[] values, final ReduceOp op)
    {
        final PeerChannel channel = channel("Crew.allReduce");
        return channel.broadcast(0, channel.reduce(0, values, op::apply));
    }

    /**
     * @param root   the rank that gets the result.
     * @param values this rank's array; every rank gives the same length.
     * @param op     how to combine.
     * @return the element-wise combination on the root, null elsewhere.
     */
    static long[] reduce(final int root, final long[] values, final ReduceOp op)
    {
        return channel("Crew.reduce").reduce(root, values, op::apply);
    }

    /**
     * @param values this rank's array; every rank gives the same length.
     * @param op     how to combine.
     * @return the element-wise combination, on every rank.
     */
    static long[] allReduce(final long[] values, final ReduceOp op)
    {
        final PeerChannel channel = channel("Crew.allReduce");
        return channel.broadcast(0, channel.reduce(0, values, op::apply));
    }

    private static PeerChannel channel(final String operation)
    {
        return TaskContext.messenger(operation).peers(operation);
    }

    /**
     * Options of a crew; {@link #start()} brings it online. Not thread-safe.
     */
    final class Builder extends ManagerBuilder<Builder>
    {
        private final Function<FarmOptions, Crew> starter;
        private int size;

        /**
         * @param starter what brings a crew online; supplied by the pool.
         * @param size    the default size: every spoke of the pool.
         */
        public Builder(final Function<FarmOptions, Crew> starter, final int size)
        {
            this.starter = starter;
            this.size = size;
        }

        @Override
        protected Builder self()
        {
            return this;
        }

        /**
         * @param size number of ranks: at most the pool's spokes on a local pool, any number on a
         *             serial one.
         * @return this.
         */
        public Builder size(final int size)
        {
            if (size < 1)
            {
                throw new IllegalArgumentException("a crew needs at least 1 rank: " + size);
            }
            this.size = size;
            return this;
        }

        /**
         * Bring the crew online: a parallel sequence point.
         *
         * @return the online crew.
         * @throws ParallelInvariantException if another manager is online on the pool.
         */
        public Crew start()
        {
            return starter.apply(FarmOptions.crew(errorPolicy, deadline, onStatus, size));
        }
    }
}

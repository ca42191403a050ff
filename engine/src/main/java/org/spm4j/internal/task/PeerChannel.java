package org.spm4j.internal.task;

import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * What a crew rank can do: point-to-point messages matched by sender and tag, and the collectives
 * built on them. Collectives combine in rank order, so results are the same bits wherever ranks run.
 */
public interface PeerChannel
{
    /** Tag of user messages. */
    int DATA = 0;
    /** Tag of barrier traffic. */
    int BARRIER = 1;
    /** Tag of broadcast traffic. */
    int BROADCAST = 2;
    /** Tag of reduction traffic. */
    int REDUCE = 3;

    /**
     * @param tag a tag.
     * @return its name, for messages: DATA, BARRIER, BROADCAST, REDUCE, or the number of another.
     */
    static String tagName(final int tag)
    {
        return switch (tag)
        {
            case DATA -> "DATA";
            case BARRIER -> "BARRIER";
            case BROADCAST -> "BROADCAST";
            case REDUCE -> "REDUCE";
            default -> Integer.toString(tag);
        };
    }

    /**
     * @return this rank.
     */
    int rank();

    /**
     * @return number of ranks.
     */
    int size();

    /**
     * @param to      receiving rank.
     * @param tag     kind of traffic.
     * @param message what to send.
     */
    void send(int to, int tag, Object message);

    /**
     * @param from sending rank.
     * @param tag  kind of traffic.
     * @return the next message from that rank with that tag.
     */
    Object receive(int from, int tag);

    /**
     * Wait until every rank has arrived.
     */
    default void barrier()
    {
        if (0 == rank())
        {
            for (int rank = 1; rank < size(); rank++)
            {
                receive(rank, BARRIER);
            }
            for (int rank = 1; rank < size(); rank++)
            {
                send(rank, BARRIER, null);
            }
        }
        else
        {
            send(0, BARRIER, null);
            receive(0, BARRIER);
        }
    }

    /**
     * @param root  rank whose value everyone gets.
     * @param value the root's value.
     * @param <T>   its type.
     * @return the root's value.
     */
    @SuppressWarnings("unchecked")
    default <T> T broadcast(final int root, final T value)
    {
        if (root != rank())
        {
            return (T)receive(root, BROADCAST);
        }
        for (int rank = 0; rank < size(); rank++)
        {
            if (rank != root)
            {
                send(rank, BROADCAST, value);
            }
        }
        return value;
    }

    /**
     * @param root   rank that gets the result.
     * @param values this rank's values.
     * @param op     element-wise combination.
     * @return the combination on the root, null elsewhere.
     */
    default double[] reduce(final int root, final double[] values, final DoubleBinaryOperator op)
    {
        if (root != rank())
        {
            send(root, REDUCE, values);
            return null;
        }
        double[] result = null;
        for (int rank = 0; rank < size(); rank++)
        {
            final double[] next = rank == root ? values : (double[])receive(rank, REDUCE);
            checkLength(values.length, next.length, rank);
            if (null == result)
            {
                result = next.clone();
            }
            else
            {
                for (int i = 0; i < result.length; i++)
                {
                    result[i] = op.applyAsDouble(result[i], next[i]);
                }
            }
        }
        return result;
    }

    /**
     * @param root   rank that gets the result.
     * @param values this rank's values.
     * @param op     element-wise combination.
     * @return the combination on the root, null elsewhere.
     */
    default long[] reduce(final int root, final long[] values, final LongBinaryOperator op)
    {
        if (root != rank())
        {
            send(root, REDUCE, values);
            return null;
        }
        long[] result = null;
        for (int rank = 0; rank < size(); rank++)
        {
            final long[] next = rank == root ? values : (long[])receive(rank, REDUCE);
            checkLength(values.length, next.length, rank);
            if (null == result)
            {
                result = next.clone();
            }
            else
            {
                for (int i = 0; i < result.length; i++)
                {
                    result[i] = op.applyAsLong(result[i], next[i]);
                }
            }
        }
        return result;
    }

    private static void checkLength(final int expected, final int actual, final int rank)
    {
        if (expected != actual)
        {
            throw new IllegalArgumentException("rank " + rank + " reduces an array of " + actual +
                " elements, the root one of " + expected);
        }
    }
}

package org.spm4j.internal.serial;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The ranks of a crew on a serial pool: each rank has a thread, but only the rank holding the baton
 * runs. A rank hands the baton on, in rank order, only when it finishes or waits for a message that
 * has not come, so every run interleaves the same way. If every unfinished rank waits, the crew is
 * deadlocked and each waiting rank's receive throws.
 */
public final class SerialCrew
{
    private static final int NOT_WAITING = -1;
    private static final int NOBODY = -1;

    private final int size;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition batonMoved = lock.newCondition();
    private final List<List<Message>> mailboxes = new ArrayList<>();
    private final boolean[] finished;
    private final int[] waitingFrom;
    private final int[] waitingTag;
    private int holder;
    private boolean deadlocked;

    private record Message(int from, int tag, byte[] payload)
    {
    }

    SerialCrew(final int size)
    {
        this.size = size;
        this.finished = new boolean[size];
        this.waitingFrom = new int[size];
        this.waitingTag = new int[size];
        java.util.Arrays.fill(waitingFrom, NOT_WAITING);
        for (int rank = 0; rank < size; rank++)
        {
            mailboxes.add(new ArrayList<>());
        }
    }

    /**
     * Run every rank to its end, rank 0 first.
     *
     * @param rankBody what a rank does, given its rank.
     */
    void run(final IntConsumer rankBody)
    {
        final List<Thread> threads = new ArrayList<>(size);
        for (int rank = 0; rank < size; rank++)
        {
            final int self = rank;
            final Thread thread = new Thread(() -> runRank(self, rankBody), "spm4j-serial-crew-rank-" + rank);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (final Thread thread : threads)
        {
            try
            {
                thread.join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a serial crew runs", ex);
            }
        }
    }

    void post(final int from, final int to, final int tag, final DirectBuffer payload, final int length)
    {
        final byte[] bytes = new byte[length];
        payload.getBytes(0, bytes);
        lock.lock();
        try
        {
            mailboxes.get(to).add(new Message(from, tag, bytes));
        }
        finally
        {
            lock.unlock();
        }
    }

    DirectBuffer await(final int rank, final int from, final int tag)
    {
        lock.lock();
        try
        {
            while (true)
            {
                final Message message = take(rank, from, tag);
                if (null != message)
                {
                    return new UnsafeBuffer(message.payload());
                }
                if (deadlocked)
                {
                    throw new IllegalStateException("crew deadlock: rank " + rank + " waits for rank " + from +
                        " and every other unfinished rank waits too");
                }
                waitingFrom[rank] = from;
                waitingTag[rank] = tag;
                passBaton(rank);
                awaitBaton(rank);
                waitingFrom[rank] = NOT_WAITING;
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    private void runRank(final int rank, final IntConsumer rankBody)
    {
        lock.lock();
        try
        {
            awaitBaton(rank);
        }
        finally
        {
            lock.unlock();
        }
        try
        {
            rankBody.accept(rank);
        }
        finally
        {
            lock.lock();
            try
            {
                finished[rank] = true;
                passBaton(rank);
            }
            finally
            {
                lock.unlock();
            }
        }
    }

    private void awaitBaton(final int rank)
    {
        while (holder != rank)
        {
            batonMoved.awaitUninterruptibly();
        }
    }

    /**
     * The next rank after {@code rank}, in rank order, that can go on; if none can but some wait, the
     * crew is deadlocked and the waiting ranks go on to fail.
     */
    private void passBaton(final int rank)
    {
        int next = nextRunnable(rank);
        if (NOBODY == next && !allFinished())
        {
            deadlocked = true;
            next = nextRunnable(rank);
        }
        holder = next;
        batonMoved.signalAll();
    }

    private int nextRunnable(final int rank)
    {
        for (int step = 1; step <= size; step++)
        {
            final int candidate = (rank + step) % size;
            if (!finished[candidate] && (NOT_WAITING == waitingFrom[candidate] || deadlocked ||
                hasMessage(candidate, waitingFrom[candidate], waitingTag[candidate])))
            {
                return candidate;
            }
        }
        return NOBODY;
    }

    private boolean allFinished()
    {
        for (final boolean rankFinished : finished)
        {
            if (!rankFinished)
            {
                return false;
            }
        }
        return true;
    }

    private boolean hasMessage(final int rank, final int from, final int tag)
    {
        for (final Message message : mailboxes.get(rank))
        {
            if (message.from() == from && message.tag() == tag)
            {
                return true;
            }
        }
        return false;
    }

    private Message take(final int rank, final int from, final int tag)
    {
        for (final Iterator<Message> it = mailboxes.get(rank).iterator(); it.hasNext();)
        {
            final Message message = it.next();
            if (message.from() == from && message.tag() == tag)
            {
                it.remove();
                return message;
            }
        }
        return null;
    }
}

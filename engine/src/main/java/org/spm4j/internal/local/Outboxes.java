package org.spm4j.internal.local;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.mailbox.Inbox;

/**
 * Every spoke's outbox, as the hub reads them. A round reads them all, starting one spoke further each time and
 * taking at most a share of the round's messages from each, so that a busy spoke cannot starve the others. Each
 * message is handed on with the spoke whose outbox it came through: that spoke alone writes there, so it is the
 * sender, whatever the message says.
 * <p>
 * An outbox found corrupt (impossible positions, a record that overruns the ring) is read no more. Either way the
 * outbox of a spoke that is replaced is reset before its successor can write to it ({@link #reset}); a reset asked
 * for while that outbox is being read, by a handler that had its spoke killed, waits until the read returns, and
 * what the killed spoke left after the message being handled is dropped. Hub thread only: whichever thread holds
 * the hub's duty lock.
 */
final class Outboxes
{
    /** Messages one round hands on at most, when it takes a share of them from every outbox. */
    static final int ROUND_LIMIT = 256;
    /** Messages one round may take from each outbox, however many spokes share the round. */
    static final int MIN_PER_OUTBOX = 8;

    /**
     * What the outboxes hold, attributed to their spokes.
     */
    interface Handler
    {
        /**
         * @param spokeId the spoke whose outbox the message came through.
         * @param typeId  its type.
         * @param buffer  holding it.
         * @param index   where it starts.
         * @param length  its length.
         */
        void onMessage(int spokeId, int typeId, MutableDirectBuffer buffer, int index, int length);

        /**
         * The outbox of {@code spokeId} is corrupt and is read no more until it is reset.
         *
         * @param spokeId the spoke.
         * @param what    what is wrong with it, naming the outbox.
         */
        void onCorrupt(int spokeId, String what);
    }

    private final Inbox[] outboxes;
    private final MessageHandler[] deliveries;
    private final boolean[] corrupt;
    private final boolean[] resetPending;
    private final int perOutboxLimit;
    private Handler handler;
    private int reading = -1;
    private int nextStart;

    Outboxes(final PoolFile poolFile)
    {
        final int spokes = poolFile.layout().spokeCount();
        outboxes = new Inbox[spokes];
        deliveries = new MessageHandler[spokes];
        corrupt = new boolean[spokes];
        resetPending = new boolean[spokes];
        perOutboxLimit = Math.max(MIN_PER_OUTBOX, ROUND_LIMIT / spokes);
        for (int spokeId = 0; spokeId < spokes; spokeId++)
        {
            final int sender = spokeId;
            outboxes[spokeId] = Inbox.outboxOf(poolFile, spokeId);
            deliveries[spokeId] = (typeId, buffer, index, length) -> deliver(sender, typeId, buffer, index, length);
        }
    }

    /**
     * One round over every outbox.
     *
     * @param handler gets each message and each outbox found corrupt.
     * @return messages handed on, and corrupt outboxes found.
     */
    int read(final Handler handler)
    {
        this.handler = handler;
        final int spokes = outboxes.length;
        int spokeId = nextStart;
        nextStart = spokeId + 1 == spokes ? 0 : spokeId + 1;
        int work = 0;
        for (int i = 0; i < spokes; i++)
        {
            work += read(spokeId, perOutboxLimit);
            spokeId = spokeId + 1 == spokes ? 0 : spokeId + 1;
        }
        return work;
    }

    /**
     * Everything a spoke that died committed to its outbox, so that it counts before the spoke's loss does.
     *
     * @param spokeId the spoke, no longer running.
     * @param handler gets each message, and the outbox if it is found corrupt.
     * @return messages handed on.
     */
    int drain(final int spokeId, final Handler handler)
    {
        this.handler = handler;
        final int most = outboxes[spokeId].capacity();
        int drained = 0;
        int read;
        while (drained < most && (read = read(spokeId, most)) > 0)
        {
            drained += read;
        }
        return drained;
    }

    /**
     * Tell {@code handler} of every outbox whose positions no ring can have; each is read no more.
     *
     * @return outboxes found corrupt.
     */
    int verify(final Handler handler)
    {
        int found = 0;
        for (int spokeId = 0; spokeId < outboxes.length; spokeId++)
        {
            try
            {
                if (!corrupt[spokeId])
                {
                    outboxes[spokeId].verifyPositions();
                }
            }
            catch (final ProtocolException ex)
            {
                found++;
                markCorrupt(spokeId, ex.getMessage(), handler);
            }
        }
        return found;
    }

    /**
     * Empty the outbox of a spoke that is dead, for the spoke that takes its slot, whatever it holds: messages
     * the farm has accounted for already by the spoke's loss, a claim never committed, impossible positions. Its
     * successor writes to it only once sent a task, by this thread, later.
     *
     * @param spokeId the spoke, whose process is gone.
     */
    void reset(final int spokeId)
    {
        if (reading == spokeId)
        {
            resetPending[spokeId] = true;
            return;
        }
        outboxes[spokeId].discardAllOfDeadWriter();
        corrupt[spokeId] = false;
    }

    /**
     * @param spokeId a spoke.
     * @return true while its outbox waits to be reset: no task may go to its successor yet.
     */
    boolean isResetPending(final int spokeId)
    {
        return resetPending[spokeId];
    }

    /**
     * @param spokeId a spoke.
     * @return bytes waiting in its outbox.
     */
    int size(final int spokeId)
    {
        return outboxes[spokeId].size();
    }

    private int read(final int spokeId, final int limit)
    {
        if (corrupt[spokeId])
        {
            return 0;
        }
        reading = spokeId;
        try
        {
            return outboxes[spokeId].read(deliveries[spokeId], limit);
        }
        catch (final ProtocolException ex)
        {
            if (!resetPending[spokeId])
            {
                markCorrupt(spokeId, ex.getMessage(), handler);
            }
            return 1;
        }
        finally
        {
            reading = -1;
            if (resetPending[spokeId])
            {
                resetPending[spokeId] = false;
                reset(spokeId);
            }
        }
    }

    /**
     * A record that overruns the ring would have the handler read past it; throwing ends the read at once.
     */
    private void deliver(
        final int spokeId, final int typeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (resetPending[spokeId])
        {
            return;
        }
        final int capacity = outboxes[spokeId].capacity();
        if (index < 0 || length < 0 || index > capacity - length)
        {
            throw new ProtocolException(outboxes[spokeId].name() + " is corrupt: a record of " + length +
                " bytes at offset " + index + " overruns its ring of " + capacity + " bytes");
        }
        handler.onMessage(spokeId, typeId, buffer, index, length);
    }

    private void markCorrupt(final int spokeId, final String what, final Handler handler)
    {
        corrupt[spokeId] = true;
        handler.onCorrupt(spokeId, what);
    }
}

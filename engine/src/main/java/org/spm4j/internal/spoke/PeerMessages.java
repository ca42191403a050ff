package org.spm4j.internal.spoke;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.shm.mailbox.PeerFlyweight;

/**
 * The peer messages a spoke has read and no task has taken yet, and the one its running task waits for. A
 * peer may write before this spoke has even read its crew task, so every message is kept until a task of
 * its generation takes it or a task of a later generation starts. Task thread only.
 */
final class PeerMessages
{
    private final List<Message> messages = new ArrayList<>();
    private boolean awaiting;
    private long awaitedGeneration;
    private int awaitedFrom;
    private int awaitedTag;

    private record Message(long generation, int from, int tag, byte[] payload)
    {
    }

    /**
     * @param peer a message read from the inbox.
     * @return true if it is the message awaited, which is then awaited no longer.
     */
    boolean add(final PeerFlyweight peer)
    {
        messages.add(new Message(peer.generation(), peer.from(), peer.tag(), peer.payloadBytes()));
        if (awaiting && peer.generation() == awaitedGeneration && peer.from() == awaitedFrom &&
            peer.tag() == awaitedTag)
        {
            awaiting = false;
            return true;
        }
        return false;
    }

    /**
     * Drop the messages of other generations: a task of this one has started.
     */
    void keepOnly(final long generation)
    {
        messages.removeIf(message -> message.generation() != generation);
    }

    /**
     * @return the first message kept of this generation from a peer with a tag, removed; null if none.
     */
    DirectBuffer take(final long generation, final int from, final int tag)
    {
        for (final Iterator<Message> it = messages.iterator(); it.hasNext();)
        {
            final Message message = it.next();
            if (message.generation() == generation && message.from() == from && message.tag() == tag)
            {
                it.remove();
                return new UnsafeBuffer(message.payload());
            }
        }
        return null;
    }

    void await(final long generation, final int from, final int tag)
    {
        awaitedGeneration = generation;
        awaitedFrom = from;
        awaitedTag = tag;
        awaiting = true;
    }

    /**
     * @return true if the awaited message has not been read yet.
     */
    boolean isAwaiting()
    {
        return awaiting;
    }

    /**
     * @return true if a message was still awaited.
     */
    boolean stopAwaiting()
    {
        final boolean was = awaiting;
        awaiting = false;
        return was;
    }
}

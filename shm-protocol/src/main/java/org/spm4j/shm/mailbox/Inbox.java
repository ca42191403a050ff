package org.spm4j.shm.mailbox;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The inbox of one participant (the hub or a spoke): a {@link ManyToOneRingBuffer} in the pool file
 * that any participant may write to and only its owner reads.
 * <p>
 * Writing ({@link #tryClaim}, {@link #commit}, {@link #abort}) is thread-safe and safe across processes.
 * Reading ({@link #read}) belongs to one thread of the owner. A writer that dies between claim and
 * commit would block the reader forever; {@link #read} detects a head record that stays uncommitted for
 * longer than the stall timeout and unblocks the ring, so the other writers' messages flow again.
 */
public final class Inbox
{
    /** What {@link #tryClaim} returns when the ring is full. */
    public static final int INSUFFICIENT_CAPACITY = RingBuffer.INSUFFICIENT_CAPACITY;

    private final String name;
    private final ManyToOneRingBuffer ring;
    private final long stallTimeoutNs;
    private long lastConsumerPosition = -1;
    private long stallStartNs;

    /**
     * @param name           how errors name this inbox, e.g. "the hub inbox".
     * @param buffer         the inbox section of the pool file.
     * @param stallTimeoutNs how long an uncommitted head record may block the reader before it is
     *                       treated as abandoned by a dead writer.
     */
    public Inbox(final String name, final AtomicBuffer buffer, final long stallTimeoutNs)
    {
        this.name = name;
        this.ring = new ManyToOneRingBuffer(buffer);
        this.stallTimeoutNs = stallTimeoutNs;
    }

    /**
     * @return the name errors use for this inbox.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the longest message, fixed fields included, the inbox carries.
     */
    public int maxMessageLength()
    {
        return ring.maxMsgLength();
    }

    /**
     * Claim space for a message; write it into {@link #buffer()} at the returned index, then
     * {@link #commit} or {@link #abort}.
     *
     * @param typeId message type, see {@link MessageTypes}.
     * @param length message length.
     * @return index to write at, or {@link #INSUFFICIENT_CAPACITY} if the inbox is full.
     * @throws MessageTooLargeException if the message can never fit.
     */
    public int tryClaim(final int typeId, final int length)
    {
        if (length > ring.maxMsgLength())
        {
            throw new MessageTooLargeException(name, typeId, length, ring.maxMsgLength());
        }
        return ring.tryClaim(typeId, length);
    }

    /**
     * @return the buffer claimed indexes refer to.
     */
    public AtomicBuffer buffer()
    {
        return ring.buffer();
    }

    /**
     * @param index a claimed index, now fully written.
     */
    public void commit(final int index)
    {
        ring.commit(index);
    }

    /**
     * @param index a claimed index to give up.
     */
    public void abort(final int index)
    {
        ring.abort(index);
    }

    /**
     * Deliver waiting messages to the handler, without watching for a dead writer; owner only.
     *
     * @param handler gets {@code (typeId, buffer, index, length)} per message.
     * @param limit   most messages to deliver.
     * @return messages delivered.
     */
    public int read(final MessageHandler handler, final int limit)
    {
        return ring.read(handler, limit);
    }

    /**
     * Deliver waiting messages to the handler and, when there are none, unblock the ring if a dead
     * writer's claim has held it longer than the stall timeout; owner only.
     *
     * @param handler gets {@code (typeId, buffer, index, length)} per message.
     * @param limit   most messages to deliver.
     * @param nowNs   current time of the caller's nano clock, to judge a stall.
     * @return messages delivered.
     */
    public int read(final MessageHandler handler, final int limit, final long nowNs)
    {
        final int count = ring.read(handler, limit);
        if (0 == count)
        {
            unblockIfStalled(nowNs);
        }
        return count;
    }

    /**
     * @return bytes waiting to be read.
     */
    public int size()
    {
        return ring.size();
    }

    /**
     * @return bytes the ring holds.
     */
    public int capacity()
    {
        return ring.capacity();
    }

    private void unblockIfStalled(final long nowNs)
    {
        final long consumerPosition = ring.consumerPosition();
        if (consumerPosition != lastConsumerPosition || ring.producerPosition() == consumerPosition)
        {
            lastConsumerPosition = consumerPosition;
            stallStartNs = nowNs;
        }
        else if (nowNs - stallStartNs >= stallTimeoutNs)
        {
            ring.unblock();
            stallStartNs = nowNs;
        }
    }
}

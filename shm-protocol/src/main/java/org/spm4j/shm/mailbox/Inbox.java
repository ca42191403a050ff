package org.spm4j.shm.mailbox;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.ProtocolException;

/**
 * A ring in the pool file that one participant reads: a spoke's inbox, a {@link ManyToOneRingBuffer} that the hub
 * and the spoke's crew peers write to, or a spoke's outbox, a {@link OneToOneRingBuffer} that only the spoke
 * writes to and only the hub reads, so that whatever the hub reads there is that spoke's by construction.
 * <p>
 * Writing ({@link #tryClaim}, {@link #commit}, {@link #abort}) is safe across processes; an outbox takes one
 * writing thread. Reading ({@link #read}) belongs to one thread of the reader. A writer of an inbox that dies
 * between claim and commit would block the reader forever; {@link #read} detects a head record that stays
 * uncommitted for longer than the stall timeout and unblocks the ring, so the other writers' messages flow again.
 * An outbox has no other writer to unblock the ring for: what its dead writer left is discarded as a whole
 * ({@link #discardAllOfDeadWriter}) before another spoke writes to it.
 */
public final class Inbox
{
    /** How long an uncommitted head record may block the reader of a pool's inbox, see {@link #ofSpoke}. */
    public static final long STALL_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    /** How long a stuck head record may block the reader once a writer was found dead during the stall. */
    public static final long DEAD_WRITER_GRACE_NS = 20_000_000L;

    /** What {@link #tryClaim} returns when the ring is full. */
    public static final int INSUFFICIENT_CAPACITY = RingBuffer.INSUFFICIENT_CAPACITY;

    private final String name;
    private final RingBuffer ring;
    private final long stallTimeoutNs;
    private long lastConsumerPosition = -1;
    private long stallStartNs;
    private long deadWriterClaimLimit = -1;

    /**
     * An inbox many may write to.
     *
     * @param name           how errors name this inbox, e.g. {@link #spokeInboxName}.
     * @param buffer         the inbox section of the pool file.
     * @param stallTimeoutNs how long an uncommitted head record may block the reader before it is
     *                       treated as abandoned by a dead writer.
     */
    public Inbox(final String name, final AtomicBuffer buffer, final long stallTimeoutNs)
    {
        this(name, new ManyToOneRingBuffer(buffer), stallTimeoutNs);
    }

    private Inbox(final String name, final RingBuffer ring, final long stallTimeoutNs)
    {
        this.name = name;
        this.ring = ring;
        this.stallTimeoutNs = stallTimeoutNs;
    }

    /**
     * @param name   how errors name this ring, e.g. {@link #outboxName}.
     * @param buffer the ring's section of the pool file.
     * @return a ring that one thread writes to and one thread reads, never unblocked by its reader.
     */
    public static Inbox oneWriter(final String name, final AtomicBuffer buffer)
    {
        return new Inbox(name, new OneToOneRingBuffer(buffer), Long.MAX_VALUE);
    }

    /**
     * @param poolFile the pool.
     * @param spokeId  0 to spoke count - 1.
     * @return that spoke's inbox of the pool, named by {@link #spokeInboxName}, with the
     * {@link #STALL_TIMEOUT_NS} stall timeout; a new one each call, and its reader must keep one.
     */
    public static Inbox ofSpoke(final PoolFile poolFile, final int spokeId)
    {
        return new Inbox(spokeInboxName(spokeId), poolFile.spokeInboxBuffer(spokeId), STALL_TIMEOUT_NS);
    }

    /**
     * @param poolFile the pool.
     * @param spokeId  0 to spoke count - 1.
     * @return that spoke's outbox of the pool, which carries its statuses and requests to the hub, named by
     * {@link #outboxName}.
     */
    public static Inbox outboxOf(final PoolFile poolFile, final int spokeId)
    {
        return oneWriter(outboxName(spokeId), poolFile.spokeOutboxBuffer(spokeId));
    }

    /**
     * @param spokeId a spoke.
     * @return how errors name that spoke's inbox.
     */
    public static String spokeInboxName(final int spokeId)
    {
        return "the inbox of spoke " + spokeId;
    }

    /**
     * @param spokeId a spoke.
     * @return how errors name that spoke's outbox.
     */
    public static String outboxName(final int spokeId)
    {
        return "the outbox of spoke " + spokeId;
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
     * @return false if the reader of an inbox took the claim back, taking this writer for dead after a stall: the
     * message was not delivered and should be sent again. Never false for an outbox.
     */
    public boolean commit(final int index)
    {
        try
        {
            ring.commit(index);
            return true;
        }
        catch (final IllegalStateException claimTakenBack)
        {
            return false;
        }
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
     * Deliver waiting messages to the handler and, when there are none, unblock an inbox if a dead
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
        if (0 == count && ring instanceof ManyToOneRingBuffer)
        {
            unblockIfStalled(nowNs);
        }
        return count;
    }

    /**
     * Drop everything in the inbox of a reader that died, whatever state it left the ring in: a reader killed
     * while it zeroed what it had read leaves a half-zeroed record at the head, which no read can get past.
     * Only while no one writes to the inbox.
     */
    public void discardAllOfDeadReader()
    {
        final AtomicBuffer buffer = ring.buffer();
        final int capacity = ring.capacity();
        buffer.setMemory(0, capacity, (byte)0);
        buffer.putLongRelease(capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET, ring.producerPosition());
        lastConsumerPosition = -1;
    }

    /**
     * Drop everything in an outbox whose writer died, whatever it left: messages not read yet, a claim it never
     * committed, which no read gets past, and positions no ring can have. The ring is as new. Reader only, once the
     * writer is dead and before another writes to it.
     */
    public void discardAllOfDeadWriter()
    {
        final AtomicBuffer buffer = ring.buffer();
        buffer.setMemory(0, buffer.capacity(), (byte)0);
        buffer.putLongRelease(ring.capacity() + RingBufferDescriptor.HEAD_POSITION_OFFSET, 0);
        lastConsumerPosition = -1;
    }

    /**
     * A writer or reader that scribbled over the ring's trailer leaves positions no ring can have: then every
     * claim fails as if the ring were full, for ever. Owner only.
     *
     * @throws ProtocolException naming the inbox and its positions if they are impossible.
     */
    public void verifyPositions()
    {
        final long consumer = ring.consumerPosition();
        final long producer = ring.producerPosition();
        if (consumer < 0 || producer < consumer || producer - consumer > ring.capacity())
        {
            throw new ProtocolException(name + " is corrupt: its producer position " + producer + " and consumer " +
                "position " + consumer + " are impossible for a ring of " + ring.capacity() + " bytes");
        }
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

    /**
     * A writer of this inbox was found dead. Any claim it left is before the producer position of now, so a head
     * record stuck uncommitted before that position is most likely its: {@link #read(MessageHandler, int, long)}
     * then waits only {@link #DEAD_WRITER_GRACE_NS} before it unblocks the ring, not the whole stall timeout.
     * Owner only.
     */
    public void writerDied()
    {
        deadWriterClaimLimit = ring.producerPosition();
    }

    private void unblockIfStalled(final long nowNs)
    {
        final long consumerPosition = ring.consumerPosition();
        if (consumerPosition != lastConsumerPosition || ring.producerPosition() == consumerPosition)
        {
            lastConsumerPosition = consumerPosition;
            stallStartNs = nowNs;
        }
        else if (nowNs - stallStartNs >= (consumerPosition < deadWriterClaimLimit ? DEAD_WRITER_GRACE_NS :
            stallTimeoutNs))
        {
            ring.unblock();
            stallStartNs = nowNs;
        }
    }
}

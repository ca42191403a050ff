package org.spm4j.shm.mailbox;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

import org.agrona.MutableDirectBuffer;

/**
 * PEER, participant to participant: a message between members of a crew. The tag lets a receiver
 * tell apart data, barrier and reduction traffic; the generation names the crew run and attempt it
 * belongs to, so a message left over from an earlier one is never taken for a current one.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                          Generation                           |  0
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |             From              |              To               |  8
 *  +-------------------------------+-------------------------------+
 *  |              Tag              |        Payload Length         | 16
 *  +-------------------------------+-------------------------------+
 *  |                         Message bytes                        ...
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class PeerFlyweight extends PayloadFlyweight
{
    private static final int GENERATION_OFFSET = 0;
    private static final int FROM_OFFSET = GENERATION_OFFSET + SIZE_OF_LONG;
    private static final int TO_OFFSET = FROM_OFFSET + SIZE_OF_INT;
    private static final int TAG_OFFSET = TO_OFFSET + SIZE_OF_INT;
    private static final int PAYLOAD_LENGTH_OFFSET = TAG_OFFSET + SIZE_OF_INT;

    /** Bytes before the message. */
    public static final int HEADER_LENGTH = PAYLOAD_LENGTH_OFFSET + SIZE_OF_INT;

    /**
     * A flyweight wrapping nothing yet.
     */
    public PeerFlyweight()
    {
        super(MessageTypes.PEER, HEADER_LENGTH);
    }

    /**
     * @param buffer holding a received PEER message.
     * @param offset where it starts.
     * @param length record length.
     * @return this, wrapped.
     */
    public PeerFlyweight wrap(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        wrapForDecode(buffer, offset, length);
        return this;
    }

    /**
     * @param buffer        claimed buffer.
     * @param offset        where the message starts.
     * @param payloadLength message length.
     * @return this, wrapped for writing.
     */
    public PeerFlyweight wrapForWrite(final MutableDirectBuffer buffer, final int offset, final int payloadLength)
    {
        wrapForEncode(buffer, offset, payloadLength);
        return this;
    }

    /**
     * @return the crew run and attempt the message belongs to.
     */
    public long generation()
    {
        return buffer.getLong(offset + GENERATION_OFFSET);
    }

    /**
     * @param generation the crew run and attempt the message belongs to.
     * @return this.
     */
    public PeerFlyweight generation(final long generation)
    {
        buffer.putLong(offset + GENERATION_OFFSET, generation);
        return this;
    }

    /**
     * @return the sender.
     */
    public int from()
    {
        return buffer.getInt(offset + FROM_OFFSET);
    }

    /**
     * @param from the sender.
     * @return this.
     */
    public PeerFlyweight from(final int from)
    {
        buffer.putInt(offset + FROM_OFFSET, from);
        return this;
    }

    /**
     * @return the receiver.
     */
    public int to()
    {
        return buffer.getInt(offset + TO_OFFSET);
    }

    /**
     * @param to the receiver.
     * @return this.
     */
    public PeerFlyweight to(final int to)
    {
        buffer.putInt(offset + TO_OFFSET, to);
        return this;
    }

    /**
     * @return the tag.
     */
    public int tag()
    {
        return buffer.getInt(offset + TAG_OFFSET);
    }

    /**
     * @param tag the tag.
     * @return this.
     */
    public PeerFlyweight tag(final int tag)
    {
        buffer.putInt(offset + TAG_OFFSET, tag);
        return this;
    }
}

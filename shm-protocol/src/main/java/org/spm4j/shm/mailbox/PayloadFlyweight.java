package org.spm4j.shm.mailbox;

import static org.agrona.BitUtil.SIZE_OF_INT;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.spm4j.shm.ProtocolException;

/**
 * Common part of messages made of fixed fields followed by opaque payload bytes. The last fixed field
 * is the payload length, which must agree with the length of the record that carries the message.
 * Subclasses lay out the fixed fields; not thread-safe, one instance per thread.
 */
public abstract class PayloadFlyweight
{
    /** The buffer holding the message. */
    protected MutableDirectBuffer buffer;
    /** Where the message starts in {@link #buffer}. */
    protected int offset;

    private final int typeId;
    private final int headerLength;

    /**
     * @param typeId       the message type, see {@link MessageTypes}.
     * @param headerLength bytes of fixed fields, the payload length field last.
     */
    protected PayloadFlyweight(final int typeId, final int headerLength)
    {
        this.typeId = typeId;
        this.headerLength = headerLength;
    }

    /**
     * Wrap a received message, checking that its lengths are consistent.
     *
     * @param buffer holding the message.
     * @param offset where it starts.
     * @param length length of the record carrying it.
     * @throws ProtocolException if the message is shorter than its fixed fields or its payload length
     *                           disagrees with the record length.
     */
    protected final void wrapForDecode(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        if (length < headerLength)
        {
            throw new ProtocolException(MessageTypes.name(typeId) + " message at offset " + offset + " is " + length +
                " bytes, shorter than its " + headerLength + "-byte header");
        }
        this.buffer = buffer;
        this.offset = offset;
        final int payloadLength = payloadLength();
        if (payloadLength != length - headerLength)
        {
            throw new ProtocolException(MessageTypes.name(typeId) + " message at offset " + offset +
                " declares a payload of " + payloadLength + " bytes but carries " + (length - headerLength));
        }
    }

    /**
     * Wrap a claimed record to write a message into it.
     *
     * @param buffer        the claimed buffer.
     * @param offset        where the message starts.
     * @param payloadLength payload bytes that will follow the fixed fields.
     */
    protected final void wrapForEncode(final MutableDirectBuffer buffer, final int offset, final int payloadLength)
    {
        this.buffer = buffer;
        this.offset = offset;
        buffer.putInt(offset + headerLength - SIZE_OF_INT, payloadLength);
    }

    /**
     * @return the message type id, see {@link MessageTypes}.
     */
    public final int typeId()
    {
        return typeId;
    }

    /**
     * @return length of the fixed fields.
     */
    public final int headerLength()
    {
        return headerLength;
    }

    /**
     * @param payloadLength payload bytes.
     * @return the length of a whole message with that payload.
     */
    public final int encodedLength(final int payloadLength)
    {
        return headerLength + payloadLength;
    }

    /**
     * @return the buffer holding the message.
     */
    public final DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return payload length in bytes.
     */
    public final int payloadLength()
    {
        return buffer.getInt(offset + headerLength - SIZE_OF_INT);
    }

    /**
     * @return offset of the payload in {@link #buffer()}.
     */
    public final int payloadOffset()
    {
        return offset + headerLength;
    }

    /**
     * @return a copy of the payload.
     */
    public final byte[] payloadBytes()
    {
        final byte[] bytes = new byte[payloadLength()];
        buffer.getBytes(payloadOffset(), bytes);
        return bytes;
    }

    /**
     * @param source where the payload is.
     * @param index  where it starts.
     * @param length its length, as given when wrapping for encode.
     */
    public final void putPayload(final DirectBuffer source, final int index, final int length)
    {
        buffer.putBytes(payloadOffset(), source, index, length);
    }
}

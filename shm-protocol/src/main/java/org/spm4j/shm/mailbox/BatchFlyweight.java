package org.spm4j.shm.mailbox;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.align;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.spm4j.shm.ProtocolException;

/**
 * BATCH: several messages in one ring record, so a burst of tasks or statuses costs one claim and one
 * commit. Each element is a whole message of another type, read with that type's flyweight.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |             Count             |           Reserved            |  0
 *  +-------------------------------+-------------------------------+
 *  |        Element Type Id        |        Element Length         |  8
 *  +-------------------------------+-------------------------------+
 *  |               Element message, padding to 8 bytes            ...
 *  +---------------------------------------------------------------+
 *  |                       More elements                          ...
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class BatchFlyweight
{
    /** Bytes before the first element. */
    public static final int HEADER_LENGTH = 2 * SIZE_OF_INT;
    /** Bytes before each element's message. */
    public static final int ELEMENT_HEADER_LENGTH = 2 * SIZE_OF_INT;
    /** Alignment of each element. */
    public static final int ELEMENT_ALIGNMENT = 8;

    private MutableDirectBuffer buffer;
    private int offset;
    private int length;
    private int count;
    private int nextElement;

    /**
     * @param elementLength length of an element's message.
     * @return bytes the element takes in a batch, its header and padding included.
     */
    public static int elementSpace(final int elementLength)
    {
        return align(ELEMENT_HEADER_LENGTH + elementLength, ELEMENT_ALIGNMENT);
    }

    /**
     * Start writing a batch into a claimed record.
     *
     * @param buffer claimed buffer.
     * @param offset where the batch starts.
     * @param length the claimed length: {@link #HEADER_LENGTH} plus each element's {@link #elementSpace}.
     * @return this.
     */
    public BatchFlyweight wrapForWrite(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.count = 0;
        this.nextElement = offset + HEADER_LENGTH;
        buffer.putInt(offset, 0);
        buffer.putInt(offset + SIZE_OF_INT, 0);
        return this;
    }

    /**
     * Make room for one more element.
     *
     * @param typeId        the element's message type.
     * @param elementLength the element message's length.
     * @return offset in the buffer to write the element's message at.
     * @throws IllegalStateException if the element does not fit the claimed length.
     */
    public int appendElement(final int typeId, final int elementLength)
    {
        final int space = elementSpace(elementLength);
        if (nextElement + space > offset + length)
        {
            throw new IllegalStateException("batch of " + length + " bytes has no room for a " +
                MessageTypes.name(typeId) + " of " + elementLength + " bytes");
        }
        buffer.putInt(nextElement, typeId);
        buffer.putInt(nextElement + SIZE_OF_INT, elementLength);
        final int messageOffset = nextElement + ELEMENT_HEADER_LENGTH;
        nextElement += space;
        buffer.putInt(offset, ++count);
        return messageOffset;
    }

    /**
     * @return bytes the batch written so far takes, header included.
     */
    public int encodedLength()
    {
        return nextElement - offset;
    }

    /**
     * Deliver each element of a received batch to the handler, checking its lengths before delivering it.
     * When an element is malformed, those before it have been delivered already.
     *
     * @param buffer  holding a received BATCH.
     * @param offset  where it starts.
     * @param length  record length.
     * @param handler gets each element as {@code (typeId, buffer, index, length)}.
     * @return elements delivered.
     * @throws ProtocolException if the batch or an element is malformed.
     */
    public static int forEachElement(
        final MutableDirectBuffer buffer, final int offset, final int length, final MessageHandler handler)
    {
        if (length < HEADER_LENGTH)
        {
            throw new ProtocolException("BATCH message at offset " + offset + " is " + length +
                " bytes, shorter than its " + HEADER_LENGTH + "-byte header");
        }
        final int count = buffer.getInt(offset);
        if (count < 0)
        {
            throw new ProtocolException("BATCH message at offset " + offset + " declares " + count + " elements");
        }
        final int end = offset + length;
        int element = offset + HEADER_LENGTH;
        for (int i = 0; i < count; i++)
        {
            if (element + ELEMENT_HEADER_LENGTH > end)
            {
                throw new ProtocolException("BATCH message at offset " + offset + " declares " + count +
                    " elements but ends after " + i);
            }
            final int typeId = buffer.getInt(element);
            final int elementLength = buffer.getInt(element + SIZE_OF_INT);
            if (elementLength < 0 || elementLength > end - element - ELEMENT_HEADER_LENGTH ||
                (long)element + elementSpace(elementLength) > end || MessageTypes.BATCH == typeId)
            {
                throw new ProtocolException("BATCH message at offset " + offset + " has a malformed element " + i +
                    ": type " + typeId + ", length " + elementLength);
            }
            handler.onMessage(typeId, buffer, element + ELEMENT_HEADER_LENGTH, elementLength);
            element += elementSpace(elementLength);
        }
        return count;
    }
}

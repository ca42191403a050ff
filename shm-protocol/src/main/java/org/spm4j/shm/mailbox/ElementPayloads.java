package org.spm4j.shm.mailbox;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.spm4j.shm.ProtocolException;

/**
 * The payloads of a chunk: a TASK flagged {@link TaskFlyweight#ELEMENTS} carries many arguments of one
 * closure, and STATUS messages of outcome {@link TaskOutcome#ELEMENTS} carry their outcomes back, in parts.
 * <p>
 * Each element is a task of its own, named by its own id, with which it runs, fails and is journaled; the ids
 * of a chunk's elements are consecutive, from {@link #firstElementId(long)}. The chunk itself is keyed by a
 * negative id made from its first element's, so that it never shares an id with a task.
 * <p>
 * Arguments: the element count (int), then for each element its length (int) and its bytes.
 * <p>
 * A status part: the status's journal index field holds the index of the part's first element; then, for each
 * element in order, one entry: its result's length (int, zero or more) and bytes; or {@link #FAILED} and the
 * journal index of its record (long); or {@link #CANCELLED}. The last part ends with {@link #END} and the
 * nanoseconds the spoke spent on the chunk (long). Stateless.
 */
public final class ElementPayloads
{
    /** Bytes before the first argument. */
    public static final int ARGUMENTS_HEADER_LENGTH = SIZE_OF_INT;
    /** Bytes an argument or a result takes beyond its own. */
    public static final int ELEMENT_OVERHEAD = SIZE_OF_INT;
    /** Entry of a failed element, followed by its journal index. */
    public static final int FAILED = -1;
    /** Entry of an element cancelled before it ran. */
    public static final int CANCELLED = -2;
    /** The last entry of a chunk, followed by the nanoseconds the spoke spent on it. */
    public static final int END = -3;
    /** Bytes of a {@link #FAILED} entry. */
    public static final int FAILED_ENTRY_LENGTH = SIZE_OF_INT + SIZE_OF_LONG;
    /** Bytes of an {@link #END} entry. */
    public static final int END_ENTRY_LENGTH = SIZE_OF_INT + SIZE_OF_LONG;

    private ElementPayloads()
    {
    }

    /**
     * @param firstElementId the id of the chunk's first element, positive.
     * @return the chunk's id, negative.
     */
    public static long chunkId(final long firstElementId)
    {
        return -1 - firstElementId;
    }

    /**
     * @param chunkId a chunk's id.
     * @return the id of its first element.
     */
    public static long firstElementId(final long chunkId)
    {
        return -1 - chunkId;
    }

    /**
     * @param taskId a task's or chunk's id.
     * @return true if it names a chunk.
     */
    public static boolean isChunk(final long taskId)
    {
        return taskId < -1;
    }

    /**
     * What a hub does with each entry of a status part.
     */
    public interface EntryHandler
    {
        /**
         * @param element the element's index in its chunk.
         * @param buffer  holding its encoded result.
         * @param offset  where it starts.
         * @param length  its length.
         */
        void completed(int element, DirectBuffer buffer, int offset, int length);

        /**
         * @param element      the element's index in its chunk.
         * @param journalIndex its record, {@link StatusFlyweight#NO_RECORD} if the spoke could not write one.
         */
        void failed(int element, long journalIndex);

        /**
         * @param element the element's index in its chunk.
         */
        void cancelled(int element);

        /**
         * @param nanos how long the spoke spent on the chunk.
         */
        void ended(long nanos);
    }

    /**
     * @param buffer holding a chunk's arguments.
     * @param offset where they start.
     * @param length their length.
     * @return the element count, checked against the length.
     * @throws ProtocolException if the arguments are malformed.
     */
    public static int argumentCount(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < ARGUMENTS_HEADER_LENGTH)
        {
            throw new ProtocolException("chunk of " + length + " bytes has no element count");
        }
        final int count = buffer.getInt(offset);
        if (count < 0 || (long)count * ELEMENT_OVERHEAD > length - ARGUMENTS_HEADER_LENGTH)
        {
            throw new ProtocolException("chunk of " + length + " bytes declares " + count + " elements");
        }
        return count;
    }

    /**
     * @param buffer  holding a chunk's arguments.
     * @param offset  where the element's length is.
     * @param end     where the arguments end.
     * @return the element's length, checked against the end.
     * @throws ProtocolException if it runs past the end.
     */
    public static int argumentLength(final DirectBuffer buffer, final int offset, final int end)
    {
        if (offset + ELEMENT_OVERHEAD > end)
        {
            throw new ProtocolException("chunk element at offset " + offset + " runs past the chunk's end " + end);
        }
        final int length = buffer.getInt(offset);
        if (length < 0 || length > end - offset - ELEMENT_OVERHEAD)
        {
            throw new ProtocolException("chunk element at offset " + offset + " declares " + length + " bytes");
        }
        return length;
    }

    /**
     * @param buffer  where the entry goes.
     * @param offset  where it starts.
     * @param result  the element's encoded result.
     * @param length  its length.
     * @return bytes written.
     */
    public static int putCompleted(
        final MutableDirectBuffer buffer, final int offset, final DirectBuffer result, final int length)
    {
        buffer.putInt(offset, length);
        buffer.putBytes(offset + SIZE_OF_INT, result, 0, length);
        return SIZE_OF_INT + length;
    }

    /**
     * @param buffer       where the entry goes.
     * @param offset       where it starts.
     * @param journalIndex the element's record.
     * @return bytes written.
     */
    public static int putFailed(final MutableDirectBuffer buffer, final int offset, final long journalIndex)
    {
        buffer.putInt(offset, FAILED);
        buffer.putLong(offset + SIZE_OF_INT, journalIndex);
        return FAILED_ENTRY_LENGTH;
    }

    /**
     * @param buffer where the entry goes.
     * @param offset where it starts.
     * @return bytes written.
     */
    public static int putCancelled(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putInt(offset, CANCELLED);
        return SIZE_OF_INT;
    }

    /**
     * @param buffer where the entry goes.
     * @param offset where it starts.
     * @param nanos  how long the spoke spent on the chunk.
     * @return bytes written.
     */
    public static int putEnd(final MutableDirectBuffer buffer, final int offset, final long nanos)
    {
        buffer.putInt(offset, END);
        buffer.putLong(offset + SIZE_OF_INT, nanos);
        return END_ENTRY_LENGTH;
    }

    /**
     * Hand each entry of a status part to the handler, checking its lengths first; entries before a malformed
     * one have been handed over already.
     *
     * @param buffer       holding the part.
     * @param offset       where its entries start.
     * @param length       their length.
     * @param firstElement the index of the part's first element.
     * @param count        the chunk's element count.
     * @param handler      gets each entry.
     * @throws ProtocolException if an entry is malformed, names an element past the chunk's end, or follows
     *                           {@link #END}, or if {@link #END} comes before the last element's entry.
     */
    public static void forEachEntry(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int firstElement,
        final int count,
        final EntryHandler handler)
    {
        final int end = offset + length;
        int element = firstElement;
        int at = offset;
        while (at < end)
        {
            if (at + SIZE_OF_INT > end)
            {
                throw new ProtocolException("chunk status entry at offset " + at + " runs past the part's end");
            }
            final int entry = buffer.getInt(at);
            if (END == entry)
            {
                if (element != count || at + END_ENTRY_LENGTH != end)
                {
                    throw new ProtocolException("chunk status ends after " + element + " of " + count +
                        " elements, " + (end - at - END_ENTRY_LENGTH) + " bytes before the part's end");
                }
                handler.ended(buffer.getLong(at + SIZE_OF_INT));
                return;
            }
            if (element >= count)
            {
                throw new ProtocolException("chunk status names element " + element + " of a chunk of " + count);
            }
            at = handleEntry(buffer, at, end, entry, element++, handler);
        }
    }

    /**
     * Hand the result of each completed entry of a status part to the consumer, up to the {@link #END} entry or
     * to anything malformed, which ends the walk quietly: for a part no one will read, whose results must still be
     * let go.
     *
     * @param buffer   holding the part.
     * @param offset   where its entries start.
     * @param length   their length.
     * @param consumer gets each result.
     */
    public static void forEachResult(
        final DirectBuffer buffer, final int offset, final int length, final ResultConsumer consumer)
    {
        final int end = offset + length;
        int at = offset;
        while (at + SIZE_OF_INT <= end)
        {
            final int entry = buffer.getInt(at);
            if (FAILED == entry)
            {
                at += FAILED_ENTRY_LENGTH;
            }
            else if (CANCELLED == entry)
            {
                at += SIZE_OF_INT;
            }
            else if (entry < 0 || entry > end - at - SIZE_OF_INT)
            {
                return;
            }
            else
            {
                consumer.accept(buffer, at + SIZE_OF_INT, entry);
                at += SIZE_OF_INT + entry;
            }
        }
    }

    /**
     * Takes a result of a status part.
     */
    @FunctionalInterface
    public interface ResultConsumer
    {
        /**
         * @param buffer holding the encoded result.
         * @param offset where it starts.
         * @param length its length.
         */
        void accept(DirectBuffer buffer, int offset, int length);
    }

    private static int handleEntry(
        final DirectBuffer buffer, final int at, final int end, final int entry, final int element,
        final EntryHandler handler)
    {
        if (FAILED == entry)
        {
            if (at + FAILED_ENTRY_LENGTH > end)
            {
                throw new ProtocolException("failed chunk element " + element + " runs past the part's end");
            }
            handler.failed(element, buffer.getLong(at + SIZE_OF_INT));
            return at + FAILED_ENTRY_LENGTH;
        }
        if (CANCELLED == entry)
        {
            handler.cancelled(element);
            return at + SIZE_OF_INT;
        }
        if (entry < 0 || entry > end - at - SIZE_OF_INT)
        {
            throw new ProtocolException("chunk element " + element + " declares a result of " + entry + " bytes");
        }
        handler.completed(element, buffer, at + SIZE_OF_INT, entry);
        return at + SIZE_OF_INT + entry;
    }
}

package org.spm4j.internal.codec;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.Codec;
import org.spm4j.shm.ValueDescriptor;
import org.spm4j.shm.ValueSegments;

/**
 * A failed task's argument as its error journal record keeps it for a replay, long after the task's segments are
 * gone: inline, read from its segment if it was spilled and fits a record; else only its length, said plainly in
 * the record and by a replay. Stateless.
 */
public final class JournalArguments
{
    private static final byte[] NO_BYTES = new byte[0];

    private JournalArguments()
    {
    }

    /**
     * @param segments  where a spilled argument is.
     * @param argument  the argument as the task carried it.
     * @param maxLength the most bytes a record may take.
     * @return the argument as a record keeps it: {@code argument} itself unless it was spilled.
     */
    public static byte[] keep(final ValueSegments segments, final byte[] argument, final int maxLength)
    {
        if (argument.length < ValueDescriptor.FORM_LENGTH || ValueDescriptor.SEGMENT != argument[0])
        {
            return argument;
        }
        return keep(segments, new UnsafeBuffer(argument), 0, argument.length, maxLength);
    }

    /**
     * @param segments  where a spilled argument is.
     * @param argument  holding the argument as the task carried it.
     * @param offset    where it starts.
     * @param length    its length.
     * @param maxLength the most bytes a record may take.
     * @return the argument as a record keeps it.
     */
    public static byte[] keep(
        final ValueSegments segments, final DirectBuffer argument, final int offset, final int length,
        final int maxLength)
    {
        if (length < ValueDescriptor.FORM_LENGTH || ValueDescriptor.SEGMENT != argument.getByte(offset))
        {
            return copy(argument, offset, length);
        }
        try
        {
            final String name = ValueDescriptor.segmentName(argument, offset, length);
            final int codecLength = ValueDescriptor.codecLength(argument, offset, length);
            if ((long)ValueDescriptor.FORM_LENGTH + codecLength > maxLength)
            {
                final byte[] notKept = new byte[ValueDescriptor.NOT_KEPT_LENGTH];
                ValueDescriptor.putNotKept(new UnsafeBuffer(notKept), 0, codecLength);
                return notKept;
            }
            try (ValueSegments.Mapping segment = segments.map(name, codecLength))
            {
                final byte[] kept = new byte[ValueDescriptor.FORM_LENGTH + codecLength];
                kept[0] = ValueDescriptor.INLINE;
                segment.buffer().getBytes(0, kept, ValueDescriptor.FORM_LENGTH, codecLength);
                return kept;
            }
        }
        catch (final IllegalArgumentException ex)
        {
            // not a reference after all (a crew rank's prefix may start so), or its segment cannot be read: as it is
            return copy(argument, offset, length);
        }
    }

    /**
     * @param argument an argument as a record keeps it.
     * @return what a record's text says of it: nothing, unless it was too large to keep.
     */
    public static String note(final byte[] argument)
    {
        if (argument.length != ValueDescriptor.NOT_KEPT_LENGTH || ValueDescriptor.NOT_KEPT != argument[0])
        {
            return "";
        }
        return System.lineSeparator() + "[argument of " + notKeptLength(argument) + " bytes encoded not kept: " +
            "more than an error journal record holds; the task cannot be replayed]";
    }

    /**
     * @param argument an argument as a record keeps it.
     * @param codec    how it was encoded.
     * @param taskId   its task, for errors.
     * @return the argument.
     * @throws IllegalArgumentException saying the task "cannot be replayed" if the record keeps no argument, or
     *                                  if the codec cannot decode it.
     */
    public static Object decode(final byte[] argument, final Codec codec, final long taskId)
    {
        if (0 == argument.length)
        {
            throw new IllegalArgumentException("the record of task " + taskId + " keeps no argument bytes (a record " +
                "cut to fit the journal, or one of a failure outside any task); it cannot be replayed");
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(argument);
        return switch (argument[0])
        {
            case ValueDescriptor.INLINE -> codec.decode(
                buffer, ValueDescriptor.FORM_LENGTH, argument.length - ValueDescriptor.FORM_LENGTH);
            case ValueDescriptor.NOT_KEPT -> throw new IllegalArgumentException("the argument of task " + taskId +
                ", " + notKeptLength(argument) + " bytes encoded, was too large to keep in its journal record; it " +
                "cannot be replayed");
            case ValueDescriptor.SEGMENT -> throw new IllegalArgumentException("the record of task " + taskId +
                " names the segment its argument was in, which went with the task; it cannot be replayed");
            default -> throw new IllegalArgumentException("the record of task " + taskId + " keeps its argument " +
                "in form " + argument[0] + ", which this version does not know; it cannot be replayed");
        };
    }

    private static int notKeptLength(final byte[] argument)
    {
        return new UnsafeBuffer(argument).getInt(ValueDescriptor.LENGTH_OFFSET);
    }

    private static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        if (0 == length)
        {
            return NO_BYTES;
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }
}

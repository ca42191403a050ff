package org.spm4j;

import java.io.Serial;

import org.agrona.UnsafeApi;
import org.spm4j.internal.shared.ArraySegment;

/**
 * A {@code byte[]} in shared memory; see {@link SharedArray} for the rules.
 */
public final class SharedBytes extends SharedArray
{
    @Serial
    private static final long serialVersionUID = 1L;
    private static final int SHIFT = 0;

    /**
     * Made by {@link SharedMemory}, not by user code.
     *
     * @param segment where its elements are.
     */
    public SharedBytes(final ArraySegment segment)
    {
        super(segment, SHIFT);
    }

    private SharedBytes(final SharedBytes whole, final int from, final int to)
    {
        super(whole, from, to);
    }

    /**
     * @param index from 0 to {@code length() - 1}.
     * @return the element.
     */
    public byte get(final int index)
    {
        return UnsafeApi.getByte(address(index));
    }

    /**
     * @param index from 0 to {@code length() - 1}.
     * @param value the new element.
     * @throws UnsupportedOperationException if the array is read-only.
     */
    public void set(final int index, final byte value)
    {
        UnsafeApi.putByte(writableAddress(index), value);
    }

    /**
     * Copy elements out, as {@link System#arraycopy} would.
     *
     * @param index      the first element of this view to copy.
     * @param into       where they go.
     * @param intoIndex  its first element to write.
     * @param count      how many.
     */
    public void get(final int index, final byte[] into, final int intoIndex, final int count)
    {
        copy(index, into, intoIndex, into.length, count, false);
    }

    /**
     * Copy elements in, as {@link System#arraycopy} would.
     *
     * @param index     the first element of this view to write.
     * @param from      where they come from.
     * @param fromIndex its first element to copy.
     * @param count     how many.
     * @throws UnsupportedOperationException if the array is read-only.
     */
    public void set(final int index, final byte[] from, final int fromIndex, final int count)
    {
        copy(index, from, fromIndex, from.length, count, true);
    }

    /**
     * @param from first element of the view, inclusive.
     * @param to   last element of the view, exclusive.
     * @return a view of {@code [from, to)} indexed from 0, which refuses indices outside it: give one to each task
     *         that writes.
     */
    public SharedBytes slice(final int from, final int to)
    {
        return new SharedBytes(this, from, to);
    }

    /**
     * @return a copy of this view's elements on the heap.
     */
    public byte[] toArray()
    {
        final byte[] copy = new byte[length()];
        get(0, copy, 0, copy.length);
        return copy;
    }

    @Override
    String elementName()
    {
        return "byte";
    }
}

package org.spm4j;

import java.io.Serial;

import org.agrona.UnsafeApi;
import org.spm4j.internal.shared.ArraySegment;

/**
 * A {@code long[]} in shared memory; see {@link SharedArray} for the rules.
 */
public final class SharedLongs extends SharedArray
{
    @Serial
    private static final long serialVersionUID = 1L;
    private static final int SHIFT = 3;

    /**
     * Made by {@link SharedMemory}, not by user code.
     *
     * @param segment where its elements are.
     */
    public SharedLongs(final ArraySegment segment)
    {
        super(segment, SHIFT);
    }

    private SharedLongs(final SharedLongs whole, final int from, final int to)
    {
        super(whole, from, to);
    }

    /**
     * @param index from 0 to {@code length() - 1}.
     * @return the element.
     */
    public long get(final int index)
    {
        return UnsafeApi.getLong(address(index));
    }

    /**
     * @param index from 0 to {@code length() - 1}.
     * @param value the new element.
     * @throws UnsupportedOperationException if the array is read-only.
     */
    public void set(final int index, final long value)
    {
        UnsafeApi.putLong(writableAddress(index), value);
    }

    /**
     * Copy elements out, as {@link System#arraycopy} would.
     *
     * @param index      the first element of this view to copy.
     * @param into       where they go.
     * @param intoIndex  its first element to write.
     * @param count      how many.
     */
    public void get(final int index, final long[] into, final int intoIndex, final int count)
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
    public void set(final int index, final long[] from, final int fromIndex, final int count)
    {
        copy(index, from, fromIndex, from.length, count, true);
    }

    /**
     * @param from first element of the view, inclusive.
     * @param to   last element of the view, exclusive.
     * @return a view of {@code [from, to)} indexed from 0, which refuses indices outside it: give one to each task
     *         that writes.
     */
    public SharedLongs slice(final int from, final int to)
    {
        return new SharedLongs(this, from, to);
    }

    /**
     * @return a copy of this view's elements on the heap.
     */
    public long[] toArray()
    {
        final long[] copy = new long[length()];
        get(0, copy, 0, copy.length);
        return copy;
    }

    @Override
    String elementName()
    {
        return "long";
    }
}

package org.spm4j;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

import org.agrona.UnsafeApi;
import org.spm4j.internal.shared.ArraySegment;
import org.spm4j.internal.shared.SegmentView;
import org.spm4j.internal.shared.SegmentViews;

/**
 * An array in shared off-heap memory that the hub and every spoke read in place, without a copy. The handle is
 * small and serializable: capture it in a closure or pass it as an argument, and wherever it arrives it maps the
 * same memory on first use. Made by {@link SharedMemory}: {@code share} copies an array in once and is read-only;
 * {@code allocate...} makes a zeroed, writable one.
 * <p>
 * <b>Writing.</b> Tasks write disjoint ranges, each its own: give each task a {@code slice(from, to)}, a view that
 * refuses indices outside its range. A task that fails and is retried must write its whole range again, so that
 * the array is the same whichever attempt wrote it; after {@code map} returns, the hub reads the result in place.
 * Nothing orders writes to one element from two tasks.
 * <p>
 * <b>Lifetime.</b> {@link #close()} on the handle the pool returned frees the array; the pool's close frees any left
 * open, and a hub that dies leaves them for the next pool start or {@code spm clean}. A spoke lets go of its
 * mapping at the next sequence point after the array is closed.
 * <p>
 * Reads and writes are plain memory accesses: thread-safe in the sense of a Java array.
 */
public abstract sealed class SharedArray implements Serializable, AutoCloseable
    permits SharedBytes, SharedDoubles, SharedInts, SharedLongs
{
    @Serial
    private static final long serialVersionUID = 1L;

    private final String path;
    private final int elementShift;
    private final int start;
    private final int length;
    private final boolean writable;
    private transient ArraySegment.Owner owner;
    private transient SegmentView view;
    /** Address of element 0 where the whole view lies in one window of the mapping, else 0: the fast path. */
    private transient long base;
    private transient boolean closed;

    SharedArray(final ArraySegment segment, final int elementShift)
    {
        this.path = segment.path();
        this.elementShift = elementShift;
        this.start = 0;
        this.length = segment.length();
        this.writable = segment.writable();
        this.owner = segment.owner();
        use(SegmentViews.of(path, writable));
    }

    SharedArray(final SharedArray whole, final int from, final int to)
    {
        Objects.checkFromToIndex(from, to, whole.length);
        this.path = whole.path;
        this.elementShift = whole.elementShift;
        this.start = whole.start + from;
        this.length = to - from;
        this.writable = whole.writable;
        if (null != whole.view)
        {
            use(whole.view);
        }
    }

    /**
     * @return number of elements.
     */
    public final int length()
    {
        return length;
    }

    /**
     * @return where element 0 of this view is in the whole array: 0, or {@code from} of a slice.
     */
    public final int offset()
    {
        return start;
    }

    /**
     * @return whether elements may be set: true for arrays made by {@code allocate...}.
     */
    public final boolean isWritable()
    {
        return writable;
    }

    /**
     * @return bytes one element takes.
     */
    public final int elementBytes()
    {
        return 1 << elementShift;
    }

    /**
     * Free the array: its memory goes once no process maps it. Only on the handle {@link SharedMemory} returned;
     * idempotent. Using this handle afterwards throws {@link IllegalStateException}.
     *
     * @throws IllegalStateException on a slice or a deserialized copy, which do not own the array.
     */
    @Override
    public final void close()
    {
        if (null == owner)
        {
            throw new IllegalStateException(this + " is a slice or a copy; close the handle the pool returned");
        }
        if (!closed)
        {
            closed = true;
            view = null;
            base = 0;
            owner.close(this);
        }
    }

    /**
     * @return the segment file; for the pool and {@code spm stat}.
     */
    public final String path()
    {
        return path;
    }

    @Override
    public String toString()
    {
        return "shared " + elementName() + "[" + length + "]" + (0 == start ? "" : " from " + start) +
            (writable ? "" : " read-only") + " at " + path;
    }

    abstract String elementName();

    /**
     * The access path makes no call that changes this handle, so that a loop over the elements compiles to plain
     * loads: the mapping is made when the handle is, or deserialized.
     */
    final long address(final int index)
    {
        Objects.checkIndex(index, length);
        final long element0 = base;
        return 0 != element0 ? element0 + ((long)index << elementShift) :
            view().address((long)(start + index) << elementShift);
    }

    final long writableAddress(final int index)
    {
        checkWritable();
        return address(index);
    }

    private void checkWritable()
    {
        if (!writable)
        {
            throw new UnsupportedOperationException(this + " is read-only: arrays made by share are; " +
                "allocate one for tasks to write");
        }
    }

    /**
     * Copy elements between this view and a Java array of the same element type, window by window.
     *
     * @param index       the first element of this view.
     * @param array       the Java array.
     * @param arrayIndex  its first element.
     * @param arrayLength its length.
     * @param count       how many.
     * @param into        true to copy into this view, which must be writable.
     */
    final void copy(
        final int index, final Object array, final int arrayIndex, final int arrayLength, final int count,
        final boolean into)
    {
        Objects.checkFromIndexSize(index, count, length);
        Objects.checkFromIndexSize(arrayIndex, count, arrayLength);
        if (into)
        {
            checkWritable();
        }
        final SegmentView mapped = view();
        long from = (long)(start + index) << elementShift;
        final long end = from + ((long)count << elementShift);
        long at = UnsafeApi.arrayBaseOffset(array.getClass()) + ((long)arrayIndex << elementShift);
        while (from < end)
        {
            final long run = Math.min(end - from, mapped.contiguousFrom(from));
            if (into)
            {
                UnsafeApi.copyMemory(array, at, null, mapped.address(from), run);
            }
            else
            {
                UnsafeApi.copyMemory(null, mapped.address(from), array, at, run);
            }
            from += run;
            at += run;
        }
    }

    private SegmentView view()
    {
        final SegmentView mapped = view;
        if (null == mapped)
        {
            throw new IllegalStateException(this + " is closed");
        }
        return mapped;
    }

    @Serial
    private void readObject(final ObjectInputStream in) throws IOException, ClassNotFoundException
    {
        in.defaultReadObject();
        use(SegmentViews.of(path, writable));
    }

    private void use(final SegmentView mapped)
    {
        view = mapped;
        final long first = (long)start << elementShift;
        if (length > 0 && mapped.contiguousFrom(first) >= (long)length << elementShift)
        {
            base = mapped.address(first);
        }
    }
}

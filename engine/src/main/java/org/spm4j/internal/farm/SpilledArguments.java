package org.spm4j.internal.farm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.internal.codec.LargeValues;
import org.spm4j.shm.ValueDescriptor;
import org.spm4j.shm.ValueSegments;

/**
 * The segments of a call's arguments too large for a message, which the hub deletes once every task that may read
 * them has ended: after a task's last attempt, not before, since a retry reads the same argument. Hooked to the
 * future that completes then, which every path completes, a pool's failure and close included; deleted at once if
 * the call fails before its tasks are handed over. Caller's thread, but for the deletion.
 */
final class SpilledArguments
{
    private final ValueSegments segments;
    private final List<String> names = new ArrayList<>();

    SpilledArguments(final ValueSegments segments)
    {
        this.segments = segments;
    }

    /**
     * @param argument an encoded argument.
     * @return true if it references a segment.
     */
    static boolean isSpilled(final byte[] argument)
    {
        return ValueDescriptor.SEGMENT == argument[0];
    }

    /**
     * @param segments the pool's segments.
     * @param argument an encoded argument.
     * @param end      completes when the last task that reads it has ended.
     */
    static void deleteWhenEnded(final ValueSegments segments, final byte[] argument, final CompletableFuture<?> end)
    {
        if (isSpilled(argument))
        {
            final String name = LargeValues.segmentOf(new UnsafeBuffer(argument), 0, argument.length);
            end.whenComplete((result, failure) -> segments.delete(name));
        }
    }

    /**
     * @param segments the pool's segments.
     * @param argument an encoded argument no task will read.
     */
    static void deleteNow(final ValueSegments segments, final byte[] argument)
    {
        if (isSpilled(argument))
        {
            segments.delete(LargeValues.segmentOf(new UnsafeBuffer(argument), 0, argument.length));
        }
    }

    /**
     * @param buffer holding an encoded argument of the call.
     * @param offset where it starts.
     * @param length its length.
     */
    void add(final DirectBuffer buffer, final int offset, final int length)
    {
        final String name = LargeValues.segmentOf(buffer, offset, length);
        if (null != name)
        {
            names.add(name);
        }
    }

    /**
     * The call failed before any task could read its arguments.
     */
    void deleteNow()
    {
        names.forEach(segments::delete);
        names.clear();
    }

    /**
     * @param end completes when the last task of the call has ended.
     */
    void deleteWhen(final CompletableFuture<?> end)
    {
        if (!names.isEmpty())
        {
            final List<String> spilled = List.copyOf(names);
            names.clear();
            end.whenComplete((result, failure) -> spilled.forEach(segments::delete));
        }
    }
}

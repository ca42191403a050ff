package org.spm4j.shm.test;

import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One change to a valid encoding, for fuzzing a decoder with input that is almost right: a flipped bit,
 * a byte or 32-bit field set to a value that often breaks length arithmetic, a length field nudged,
 * the bytes cut short or given a tail. The position is taken modulo the length of what it applies to,
 * so a mutation fits any input and shrinks towards the first byte.
 *
 * @param kind     what to do.
 * @param position where, modulo the input length.
 * @param value    the bit index, byte, field value, delta or tail length, depending on the kind.
 */
public record Mutation(Kind kind, int position, int value)
{
    /**
     * What a mutation does.
     */
    public enum Kind
    {
        /** Flip bit {@code value % 8} of the byte at the position. */
        FLIP_BIT,
        /** Set the byte at the position to {@code value}. */
        SET_BYTE,
        /** Set the 32-bit field at the position, in native order as the buffers use, to {@code value}. */
        SET_INT,
        /** Add {@code value} to the 32-bit field at the position. */
        ADD_TO_INT,
        /** Cut the input to {@code position} bytes. */
        TRUNCATE,
        /** Append 1 to 64 bytes derived from the value. */
        EXTEND
    }

    private static final int[] HOSTILE_INTS = {
        0, 1, -1, 2, 7, 8, 16, 127, 128, 255, 4096, 1 << 30, Integer.MAX_VALUE, Integer.MAX_VALUE - 7,
        Integer.MIN_VALUE, Integer.MIN_VALUE + 1 };

    /**
     * @param maxCount most mutations in one list.
     * @return 1 to {@code maxCount} mutations.
     */
    public static Arbitrary<List<Mutation>> mutations(final int maxCount)
    {
        final Arbitrary<Integer> values = Arbitraries.oneOf(
            Arbitraries.of(Arrays.stream(HOSTILE_INTS).boxed().toList()),
            Arbitraries.integers().between(-64, 64),
            Arbitraries.integers());
        return Combinators.combine(
                Arbitraries.of(Kind.class), Arbitraries.integers().between(0, Integer.MAX_VALUE), values)
            .as(Mutation::new)
            .list().ofMinSize(1).ofMaxSize(maxCount);
    }

    /**
     * @param mutations what to apply, in order.
     * @param valid     the valid encoding; not changed.
     * @return a mutated copy.
     */
    public static byte[] apply(final List<Mutation> mutations, final byte[] valid)
    {
        byte[] bytes = valid.clone();
        for (final Mutation mutation : mutations)
        {
            bytes = mutation.applyTo(bytes);
        }
        return bytes;
    }

    /**
     * @param bytes the input; may be changed.
     * @return the mutated input, {@code bytes} itself unless the length changed.
     */
    public byte[] applyTo(final byte[] bytes)
    {
        final int length = bytes.length;
        switch (kind)
        {
            case FLIP_BIT -> flipBit(bytes);
            case SET_BYTE -> setByte(bytes);
            case SET_INT -> setInt(bytes, value);
            case ADD_TO_INT -> setInt(bytes, readInt(bytes) + value);
            case TRUNCATE ->
            {
                return Arrays.copyOf(bytes, position % (length + 1));
            }
            case EXTEND ->
            {
                final byte[] extended = Arrays.copyOf(bytes, length + Math.floorMod(value, 64) + 1);
                for (int i = length; i < extended.length; i++)
                {
                    extended[i] = (byte)(value >>> (8 * (i % 4)));
                }
                return extended;
            }
            default -> throw new IllegalStateException(kind.name());
        }
        return bytes;
    }

    private void flipBit(final byte[] bytes)
    {
        if (bytes.length > 0)
        {
            bytes[position % bytes.length] ^= (byte)(1 << Math.floorMod(value, 8));
        }
    }

    private void setByte(final byte[] bytes)
    {
        if (bytes.length > 0)
        {
            bytes[position % bytes.length] = (byte)value;
        }
    }

    private int intPosition(final byte[] bytes)
    {
        return position % (bytes.length - Integer.BYTES + 1);
    }

    private int readInt(final byte[] bytes)
    {
        return bytes.length < Integer.BYTES ? 0 : new UnsafeBuffer(bytes).getInt(intPosition(bytes));
    }

    private void setInt(final byte[] bytes, final int field)
    {
        if (bytes.length >= Integer.BYTES)
        {
            new UnsafeBuffer(bytes).putInt(intPosition(bytes), field);
        }
    }
}

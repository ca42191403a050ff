package org.spm4j;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Turns task arguments and results into bytes and back. The default handles primitives, boxed
 * primitives, String and byte[] directly and everything else with Java serialization behind an
 * allow-list. Implementations must be stateless and thread-safe.
 * <p>
 * A value of any size may be encoded: one too large for a message travels through a file in the pool's
 * directory, and is decoded from a read-only mapping of it. Either way the bytes given to {@link #decode} are
 * valid only during the call: the value returned must not keep the buffer.
 */
public interface Codec
{
    /**
     * @param value  the value, may be null.
     * @param buffer where to write.
     * @param offset where to start.
     * @return bytes written.
     * @throws IllegalArgumentException if the value cannot be encoded, saying why.
     */
    int encode(Object value, ExpandableArrayBuffer buffer, int offset);

    /**
     * @param buffer where the bytes are.
     * @param offset where they start.
     * @param length how many.
     * @return the value.
     * @throws IllegalArgumentException if the bytes cannot be decoded, saying why.
     */
    Object decode(DirectBuffer buffer, int offset, int length);
}

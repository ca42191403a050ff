package org.spm4j.internal.farm;

import org.agrona.ExpandableArrayBuffer;

/**
 * A calling thread's buffer to encode arguments into before they are copied out at their exact length,
 * so that a {@code map} does not make and zero a fresh buffer per argument. A codec that submits while
 * encoding finds it taken and gets a buffer of its own; one grown for a huge argument is let go. Caller's
 * thread only.
 */
final class EncodeBuffer
{
    private static final int INITIAL_CAPACITY = 256;
    private static final int MAX_KEPT_CAPACITY = 64 * 1024;
    private static final ThreadLocal<EncodeBuffer> OWN = ThreadLocal.withInitial(EncodeBuffer::new);

    private ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(INITIAL_CAPACITY);
    private boolean taken;

    static EncodeBuffer take()
    {
        final EncodeBuffer own = OWN.get();
        final EncodeBuffer scratch = own.taken ? new EncodeBuffer() : own;
        scratch.taken = true;
        return scratch;
    }

    ExpandableArrayBuffer buffer()
    {
        return buffer;
    }

    void give()
    {
        taken = false;
        if (buffer.capacity() > MAX_KEPT_CAPACITY)
        {
            buffer = new ExpandableArrayBuffer(INITIAL_CAPACITY);
        }
    }
}

package org.spm4j.internal.shared;

import org.spm4j.SharedArray;

/**
 * Where a new handle's elements are: the segment file, its element count and mode, and, on the handle the pool
 * returned, the registry that closes it.
 *
 * @param path     the segment file.
 * @param length   elements.
 * @param writable whether tasks may write it.
 * @param owner    the registry that made it.
 */
public record ArraySegment(String path, int length, boolean writable, Owner owner)
{
    /**
     * Frees an array when its handle is closed.
     */
    public interface Owner
    {
        /**
         * @param array the handle the pool returned.
         */
        void close(SharedArray array);
    }
}

package org.spm4j;

/**
 * Makes {@link SharedArray}s: arrays in shared off-heap memory that the hub and every spoke read in place. A
 * {@link Pool} is one, placing pages as the operating system does; {@link Pool#sharedMemory(MemoryPlacement)}
 * gives one that places them on a NUMA node or interleaves them. On a serial pool the arrays are the same kind of
 * memory, so a program behaves the same on either.
 * <p>
 * An array is complete before its handle is returned, so a task never sees it half written, whenever it is made,
 * offline or online. Every method throws {@link IllegalArgumentException} naming the size and the free space of
 * the pool root when the array does not fit there, before anything is written.
 */
public interface SharedMemory
{
    /**
     * @param values copied once into shared memory.
     * @return a read-only shared copy.
     */
    SharedDoubles share(double[] values);

    /**
     * @param values copied once into shared memory.
     * @return a read-only shared copy.
     */
    SharedLongs share(long[] values);

    /**
     * @param values copied once into shared memory.
     * @return a read-only shared copy.
     */
    SharedInts share(int[] values);

    /**
     * @param values copied once into shared memory.
     * @return a read-only shared copy.
     */
    SharedBytes share(byte[] values);

    /**
     * @param length elements, 0 or more.
     * @return a writable shared array of zeros.
     */
    SharedDoubles allocateDoubles(int length);

    /**
     * @param length elements, 0 or more.
     * @return a writable shared array of zeros.
     */
    SharedLongs allocateLongs(int length);

    /**
     * @param length elements, 0 or more.
     * @return a writable shared array of zeros.
     */
    SharedInts allocateInts(int length);

    /**
     * @param length elements, 0 or more.
     * @return a writable shared array of zeros.
     */
    SharedBytes allocateBytes(int length);
}

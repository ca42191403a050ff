package org.spm4j.internal.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.agrona.UnsafeApi;
import org.spm4j.MemoryPlacement;
import org.spm4j.SharedArray;
import org.spm4j.SharedBytes;
import org.spm4j.SharedDoubles;
import org.spm4j.SharedInts;
import org.spm4j.SharedLongs;
import org.spm4j.SharedMemory;

/**
 * A pool's shared arrays: one segment file each in {@code <pool>/arrays/}, named {@code <n>-<type>.arr}, made
 * complete before their handle exists, and deleted when their handle or the pool is closed. Thread-safe.
 */
public final class SharedArrays implements ArraySegment.Owner
{
    /** Name of the directory of shared arrays inside a pool directory. */
    public static final String DIRECTORY_NAME = "arrays";
    /** Ending of a shared array's file name. */
    public static final String FILE_SUFFIX = ".arr";

    private final Path directory;
    private final NumaPlacer placer;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, SharedArray> open = new ConcurrentHashMap<>();

    /**
     * @param poolDirectory the pool's directory.
     */
    public SharedArrays(final Path poolDirectory)
    {
        this(poolDirectory, new NumaPlacer(NumaPlacer.SYSFS_NODES, "numactl"));
    }

    SharedArrays(final Path poolDirectory, final NumaPlacer placer)
    {
        this.directory = poolDirectory.resolve(DIRECTORY_NAME);
        this.placer = placer;
    }

    /**
     * @param placement where the pages go.
     * @return a maker of arrays placed so.
     */
    public SharedMemory placed(final MemoryPlacement placement)
    {
        return new Placed(placement);
    }

    /**
     * @return the arrays not yet closed.
     */
    public List<SharedArray> open()
    {
        return List.copyOf(open.values());
    }

    @Override
    public void close(final SharedArray array)
    {
        open.remove(array.path());
        SegmentViews.forget(array.path());
        SegmentFile.deleteQuietly(Path.of(array.path()));
    }

    /**
     * Close every array still open; the pool is closing.
     */
    public void closeAll()
    {
        open().forEach(SharedArray::close);
    }

    private <T extends SharedArray> T make(
        final MemoryPlacement placement,
        final String type,
        final int shift,
        final int length,
        final Object values,
        final Function<ArraySegment, T> handle)
    {
        if (length < 0)
        {
            throw new IllegalArgumentException("a shared " + type + " array needs 0 or more elements, got " + length);
        }
        final long bytes = (long)length << shift;
        final Path file = directory.resolve(sequence.incrementAndGet() + "-" + type + FILE_SUFFIX);
        createDirectory();
        SegmentFile.checkFits(directory, "a shared " + type + "[" + length + "]", bytes);
        final boolean placed = !placement.isDefault();
        if (placed)
        {
            placer.allocate(placement, file, bytes);
        }
        SegmentFile.write(file, values, null == values ? 0 : UnsafeApi.arrayBaseOffset(values.getClass()), bytes,
            placed);
        final T array = handle.apply(new ArraySegment(file.toString(), length, null == values, this));
        open.put(array.path(), array);
        return array;
    }

    private void createDirectory()
    {
        try
        {
            Files.createDirectories(directory, SegmentFile.OWNER_ONLY_DIRECTORY);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + directory, ex);
        }
    }

    private final class Placed implements SharedMemory
    {
        private final MemoryPlacement placement;

        Placed(final MemoryPlacement placement)
        {
            this.placement = placement;
        }

        @Override
        public SharedDoubles share(final double[] values)
        {
            return make(placement, "double", 3, values.length, values, SharedDoubles::new);
        }

        @Override
        public SharedLongs share(final long[] values)
        {
            return make(placement, "long", 3, values.length, values, SharedLongs::new);
        }

        @Override
        public SharedInts share(final int[] values)
        {
            return make(placement, "int", 2, values.length, values, SharedInts::new);
        }

        @Override
        public SharedBytes share(final byte[] values)
        {
            return make(placement, "byte", 0, values.length, values, SharedBytes::new);
        }

        @Override
        public SharedDoubles allocateDoubles(final int length)
        {
            return make(placement, "double", 3, length, null, SharedDoubles::new);
        }

        @Override
        public SharedLongs allocateLongs(final int length)
        {
            return make(placement, "long", 3, length, null, SharedLongs::new);
        }

        @Override
        public SharedInts allocateInts(final int length)
        {
            return make(placement, "int", 2, length, null, SharedInts::new);
        }

        @Override
        public SharedBytes allocateBytes(final int length)
        {
            return make(placement, "byte", 0, length, null, SharedBytes::new);
        }
    }
}

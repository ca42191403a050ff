package org.spm4j.internal.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileChannel.MapMode;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.BufferUtil;

/**
 * A segment file mapped into this process, in windows of 1 GiB so that a segment may be larger than one
 * {@link MappedByteBuffer}. Elements are powers of two bytes long and so never straddle two windows. The mapping
 * lives as long as this object is reachable: it is never unmapped by hand, so a handle still in use after its array
 * was closed reads memory that is still mapped, never a freed page. Thread-safe.
 */
public final class SegmentView
{
    static final int WINDOW_SHIFT = 30;
    private static final long WINDOW_MASK = (1L << WINDOW_SHIFT) - 1;

    private final long length;
    /** Keeps the windows mapped; their addresses are what readers use. */
    private final MappedByteBuffer[] windows;
    private final long[] addresses;

    private SegmentView(final long length, final MappedByteBuffer[] windows)
    {
        this.length = length;
        this.windows = windows;
        this.addresses = new long[windows.length];
        for (int i = 0; i < windows.length; i++)
        {
            addresses[i] = BufferUtil.address(windows[i]);
        }
    }

    /**
     * @param path     an existing segment file.
     * @param writable map it for writing too.
     * @return the whole file mapped.
     * @throws IllegalStateException naming the file if it is gone, e.g. its array was closed.
     */
    static SegmentView map(final Path path, final boolean writable)
    {
        try (FileChannel channel = writable ?
            FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE) : FileChannel.open(path))
        {
            final long length = channel.size();
            final int count = (int)((length + WINDOW_MASK) >>> WINDOW_SHIFT);
            final MappedByteBuffer[] windows = new MappedByteBuffer[Math.max(1, count)];
            for (int i = 0; i < windows.length; i++)
            {
                final long start = (long)i << WINDOW_SHIFT;
                windows[i] = channel.map(writable ? MapMode.READ_WRITE : MapMode.READ_ONLY, start,
                    Math.min(length - start, 1L << WINDOW_SHIFT));
            }
            return new SegmentView(length, windows);
        }
        catch (final NoSuchFileException ex)
        {
            throw new IllegalStateException("shared array " + path + " is gone: it was closed, or its pool was", ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot map shared array " + path, ex);
        }
    }

    /**
     * @param byteIndex a byte of the segment, below {@link #length()}.
     * @return its address in this process.
     */
    public long address(final long byteIndex)
    {
        return addresses[(int)(byteIndex >>> WINDOW_SHIFT)] + (byteIndex & WINDOW_MASK);
    }

    /**
     * @param byteIndex the first byte of a run.
     * @return how many bytes from there lie in the same window, so are contiguous in memory.
     */
    public long contiguousFrom(final long byteIndex)
    {
        return Math.min(length - byteIndex, (1L << WINDOW_SHIFT) - (byteIndex & WINDOW_MASK));
    }
}

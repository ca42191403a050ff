package org.spm4j.internal.shared;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This process's mappings of shared arrays, one per file and mode, so that every handle on an array, however many
 * times it was deserialized, reads the same mapping. A mapping is dropped when its array is closed here, or by
 * {@link #forgetRemoved()} once its file is gone; the memory returns when the last handle on it is collected.
 * Thread-safe.
 */
public final class SegmentViews
{
    private static final Map<Key, SegmentView> VIEWS = new ConcurrentHashMap<>();

    private SegmentViews()
    {
    }

    /**
     * @param path     the array's segment file.
     * @param writable whether it is mapped for writing.
     * @return this process's mapping of it, made on first use.
     */
    public static SegmentView of(final String path, final boolean writable)
    {
        return VIEWS.computeIfAbsent(new Key(path, writable), key -> SegmentView.map(Path.of(key.path), key.writable));
    }

    /**
     * @param path a segment file this process will not read again.
     */
    public static void forget(final String path)
    {
        VIEWS.remove(new Key(path, false));
        VIEWS.remove(new Key(path, true));
    }

    /**
     * Drop the mappings of arrays that were closed elsewhere: a spoke calls it at a sequence point.
     */
    public static void forgetRemoved()
    {
        VIEWS.keySet().removeIf(key -> !Files.exists(Path.of(key.path)));
    }

    private record Key(String path, boolean writable)
    {
    }
}

package org.spm4j.internal.codec;

import java.io.ObjectInputFilter;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deserialization allow-list: JDK classes, spm4j's own, the packages closures were defined in, and
 * patterns the user adds ({@code com.acme.*} a package, {@code com.acme.**} a package tree, or a class
 * name). Everything else is refused before it is instantiated, and so are object graphs nested deeper than
 * {@link #MAX_DEPTH} and arrays longer than the bytes that carry them could hold. Thread-safe; packages may be
 * added while in use.
 */
public final class AllowListFilter
{
    /**
     * Deeper object graphs are refused: deserializing them recursively would come close to overflowing a
     * 1 MB thread stack, and they are more likely an attack than data.
     */
    public static final long MAX_DEPTH = 500;

    /** What to do about a graph too deep, for every message that says so. */
    static final String FLATTEN = "send a flatter structure, e.g. an array or a list instead of a chain of objects";

    /**
     * A stream declares array lengths (its own arrays', and collections' backing arrays, which may be a few times
     * longer than their elements) before the elements follow; a length beyond this many per byte of the stream
     * cannot be real and is refused before it is allocated.
     */
    private static final long MAX_ELEMENTS_PER_BYTE = 8;

    private final Set<String> classes = ConcurrentHashMap.newKeySet();
    private final Set<String> packages = ConcurrentHashMap.newKeySet();
    private final Set<String> packageTrees = ConcurrentHashMap.newKeySet();

    /**
     * @param patterns initial patterns.
     */
    public AllowListFilter(final Collection<String> patterns)
    {
        allowPackageTree("org.spm4j");
        patterns.forEach(this::allow);
    }

    /**
     * @param pattern {@code a.b.*}, {@code a.b.**} or a class name.
     */
    public void allow(final String pattern)
    {
        if (pattern.endsWith(".**"))
        {
            allowPackageTree(pattern.substring(0, pattern.length() - 3));
        }
        else if (pattern.endsWith(".*"))
        {
            packages.add(pattern.substring(0, pattern.length() - 2));
        }
        else
        {
            classes.add(pattern);
        }
    }

    /**
     * @param packageName a package whose classes, and no others, become allowed.
     */
    public void allowPackage(final String packageName)
    {
        packages.add(packageName);
    }

    /**
     * @param streamLength bytes of the serialized stream the filter will check.
     * @return a filter for that one stream, which remembers why it refused.
     */
    StreamFilter forStream(final int streamLength)
    {
        return new StreamFilter(streamLength);
    }

    private String whyRefused(final ObjectInputFilter.FilterInfo info, final long streamLength)
    {
        if (info.depth() > MAX_DEPTH)
        {
            return "object graph nested deeper than " + MAX_DEPTH + " levels; " + FLATTEN;
        }
        if (info.arrayLength() > MAX_ELEMENTS_PER_BYTE * streamLength)
        {
            return "serialized value of " + streamLength + " bytes declares an array of " + info.arrayLength() +
                " elements, more than it can hold; the bytes are corrupt";
        }
        Class<?> type = info.serialClass();
        if (null == type)
        {
            return null;
        }
        while (type.isArray())
        {
            type = type.getComponentType();
        }
        if (type.isPrimitive() || isJdk(type) || isAllowed(type.getName(), type.getPackageName()))
        {
            return null;
        }
        final String pattern = type.getPackageName().isEmpty() ? type.getName() : type.getPackageName() + ".*";
        return "class " + type.getName() + " is not in the deserialization allow-list; allow it with " +
            "PoolBuilder.allowClasses(\"" + pattern + "\")";
    }

    private boolean isAllowed(final String className, final String packageName)
    {
        if (classes.contains(className) || packages.contains(packageName))
        {
            return true;
        }
        for (String tree = packageName; !tree.isEmpty(); tree = parentOf(tree))
        {
            if (packageTrees.contains(tree))
            {
                return true;
            }
        }
        return false;
    }

    private void allowPackageTree(final String root)
    {
        packageTrees.add(root);
    }

    private static boolean isJdk(final Class<?> type)
    {
        final ClassLoader loader = type.getClassLoader();
        return null == loader || ClassLoader.getPlatformClassLoader() == loader;
    }

    private static String parentOf(final String packageName)
    {
        final int dot = packageName.lastIndexOf('.');
        return dot < 0 ? "" : packageName.substring(0, dot);
    }

    /**
     * The allow-list applied to one stream. One thread.
     */
    final class StreamFilter implements ObjectInputFilter
    {
        private final long streamLength;
        private String refusal;

        private StreamFilter(final long streamLength)
        {
            this.streamLength = streamLength;
        }

        /**
         * @return why this filter refused the stream, or null if it did not.
         */
        String refusal()
        {
            return refusal;
        }

        @Override
        public Status checkInput(final FilterInfo info)
        {
            final String why = whyRefused(info, streamLength);
            if (null == why)
            {
                return null == info.serialClass() ? Status.UNDECIDED : Status.ALLOWED;
            }
            refusal = why;
            return Status.REJECTED;
        }
    }
}

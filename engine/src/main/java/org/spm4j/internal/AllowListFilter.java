package org.spm4j.internal;

import java.io.ObjectInputFilter;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deserialization allow-list: JDK classes, spm4j's own, the packages closures were defined in, and
 * patterns the user adds ({@code com.acme.*} a package, {@code com.acme.**} a package tree, or a class
 * name). Everything else is refused before it is instantiated. Thread-safe; packages may be added while
 * in use.
 */
public final class AllowListFilter
{
    /** Deeper object graphs are refused; they are more likely an attack than data. */
    public static final long MAX_DEPTH = 1_000;

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
     * @return a filter for one stream, which remembers why it refused.
     */
    StreamFilter forStream()
    {
        return new StreamFilter();
    }

    private String whyRefused(final ObjectInputFilter.FilterInfo info)
    {
        if (info.depth() > MAX_DEPTH)
        {
            return "object graph deeper than " + MAX_DEPTH + " levels";
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
        private String refusal;

        private StreamFilter()
        {
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
            final String why = whyRefused(info);
            if (null == why)
            {
                return null == info.serialClass() ? Status.UNDECIDED : Status.ALLOWED;
            }
            refusal = why;
            return Status.REJECTED;
        }
    }
}

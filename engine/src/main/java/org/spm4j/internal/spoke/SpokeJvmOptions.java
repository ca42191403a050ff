package org.spm4j.internal.spoke;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options a spoke starts with: defaults that keep an idle spoke small, so that a node holds many, then
 * the pool's own options. A default yields to a pool option that sets the same thing, so the user's wins and the
 * JVM is never handed two collectors, which it refuses. Reads nothing but an {@code @argfile} named in the
 * options. Stateless.
 */
public final class SpokeJvmOptions
{
    /** Young generation: small enough that an idle spoke touches little of it, large enough that tasks seldom wait. */
    public static final String YOUNG_GENERATION = "-Xmn16m";
    /** One collector thread and the smallest footprint: a spoke is one of many processes on the node. */
    public static final String SERIAL_COLLECTOR = "-XX:+UseSerialGC";
    /**
     * On JDK 17 only G1 maps the JDK's archived module graph: with the serial collector a JVM takes some 30 ms
     * more processor time to start, for 2 to 4 MB less resident memory.
     */
    public static final String G1_COLLECTOR = "-XX:+UseG1GC";
    /** The fewest compiler threads tiered compilation runs with. */
    public static final String COMPILER_THREADS = "-XX:CICompilerCount=2";
    /** Thread stacks of the platform's usual size, whatever the JVM's build says. */
    public static final String THREAD_STACK = "-Xss1m";
    /** The C library's heap trimmed every 2 s: returns what the JIT compilers freed after start. */
    public static final String TRIM_NATIVE_HEAP = "-XX:TrimNativeHeapInterval=2000";
    /** Given before {@link #TRIM_NATIVE_HEAP} on JDKs before 23, some of whose updates have it as experimental. */
    public static final String UNLOCK_EXPERIMENTAL = "-XX:+UnlockExperimentalVMOptions";

    private static final long YOUNG_GENERATION_BYTES = 16L << 20;
    // below this heap the young generation default would leave the old generation too little, and the JVM warns
    private static final long SMALLEST_HEAP_FOR_YOUNG_DEFAULT = 4 * YOUNG_GENERATION_BYTES;

    private static final Pattern COLLECTOR_CHOICE = Pattern.compile("-XX:[+-]Use\\w+GC");
    private static final Pattern YOUNG_SIZING = Pattern.compile("-Xmn.*|-XX:(Max)?NewSize=.*|-XX:NewRatio=.*");
    private static final Pattern HEAP_SIZE = Pattern.compile("(?:-Xm[xs]|-XX:(?:Max|Initial)HeapSize=)(.*)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})([kKmMgGtT]?)");
    // stands for an argument file that cannot be read: it may choose a collector
    private static final String OPAQUE = "@";

    private SpokeJvmOptions()
    {
    }

    /**
     * @param poolOptions the pool's own spoke JVM options, in order.
     * @param jdk         the JDK spokes run on.
     * @return the defaults the pool's options leave standing, then the pool's options.
     */
    public static List<String> withDefaults(final List<String> poolOptions, final SpokeJdk jdk)
    {
        final List<String> seen = expandArgumentFiles(poolOptions);
        final List<String> options = new ArrayList<>();
        if (!anyMatches(seen, COLLECTOR_CHOICE) && !seen.contains(OPAQUE))
        {
            options.add(jdk.startsFasterWithG1() ? G1_COLLECTOR : SERIAL_COLLECTOR);
        }
        if (!anyMatches(seen, YOUNG_SIZING) && !heapSizedBelow(seen, SMALLEST_HEAP_FOR_YOUNG_DEFAULT))
        {
            options.add(YOUNG_GENERATION);
        }
        options.add(COMPILER_THREADS);
        options.add(THREAD_STACK);
        if (jdk.trimsNativeHeap() && seen.stream().noneMatch(option -> option.startsWith("-XX:TrimNativeHeapInterval")))
        {
            if (jdk.trimNeedsUnlock())
            {
                options.add(UNLOCK_EXPERIMENTAL);
            }
            options.add(TRIM_NATIVE_HEAP);
        }
        options.addAll(poolOptions);
        return List.copyOf(options);
    }

    /**
     * The launcher reads {@code @file} arguments as more options; a collector chosen in one must be seen too.
     */
    private static List<String> expandArgumentFiles(final List<String> options)
    {
        final List<String> expanded = new ArrayList<>();
        for (final String option : options)
        {
            if (option.startsWith("@") && !option.startsWith("@@"))
            {
                try
                {
                    expanded.addAll(List.of(
                        Files.readString(Path.of(option.substring(1)), StandardCharsets.UTF_8).trim().split("\\s+")));
                }
                catch (final IOException | RuntimeException ex)
                {
                    expanded.add(OPAQUE);
                }
            }
            else
            {
                expanded.add(option);
            }
        }
        return expanded;
    }

    private static boolean anyMatches(final List<String> options, final Pattern pattern)
    {
        return options.stream().anyMatch(option -> pattern.matcher(option).matches());
    }

    private static boolean heapSizedBelow(final List<String> options, final long bytes)
    {
        for (final String option : options)
        {
            final Matcher heap = HEAP_SIZE.matcher(option);
            if (heap.matches())
            {
                final long size = parseSize(heap.group(1));
                if (size >= 0 && size < bytes)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @return the bytes of a JVM size such as {@code 64m}, or -1 if it is not one (the JVM will say so).
     */
    static long parseSize(final String size)
    {
        final Matcher matcher = SIZE.matcher(size);
        if (!matcher.matches())
        {
            return -1;
        }
        final long unit = switch (matcher.group(2).toLowerCase(Locale.ROOT))
        {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            case "t" -> 1L << 40;
            default -> 1;
        };
        try
        {
            return Math.multiplyExact(Long.parseLong(matcher.group(1)), unit);
        }
        catch (final ArithmeticException tooLarge)
        {
            return Long.MAX_VALUE;
        }
    }
}

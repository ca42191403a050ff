package org.spm4j.shm;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags a process needs to use this protocol: Agrona and Chronicle Queue reach into JDK
 * internals, and Chronicle must be kept quiet. Anything that launches a JVM speaking the protocol
 * (a spoke, a test child) passes {@link #required()}. The build keeps the same list for its test forks.
 */
public final class JvmFlags
{
    /** Agrona's access to {@code jdk.internal.misc.Unsafe}. */
    public static final String AGRONA_MISC = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    /** Chronicle: {@code sun.nio.ch} exported. */
    public static final String CHRONICLE_NIO_CH_EXPORTS = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
    /** Chronicle: {@code java.lang.reflect} opened. */
    public static final String CHRONICLE_REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    /** Chronicle: {@code jdk.internal.ref} exported. */
    public static final String CHRONICLE_REF = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";
    /** Chronicle: {@code java.lang} opened. */
    public static final String CHRONICLE_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    /** Chronicle: {@code java.nio} opened. */
    public static final String CHRONICLE_NIO = "--add-opens=java.base/java.nio=ALL-UNNAMED";
    /** Chronicle: {@code sun.nio.ch} opened. */
    public static final String CHRONICLE_NIO_CH_OPENS = "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED";
    /** Chronicle: {@code sun.misc} exported. */
    public static final String CHRONICLE_MISC = "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED";
    /** Chronicle: no usage analytics. */
    public static final String QUIET_ANALYTICS = "-Dchronicle.analytics.disable=true";
    /** Chronicle: no banner. */
    public static final String QUIET_ANNOUNCER = "-Dchronicle.announcer.disable=true";
    /** Chronicle: no performance notes. */
    public static final String QUIET_PERF_INFO = "-Ddisable.perf.info=true";
    /** JDK 24 and later: native access for Chronicle. */
    public static final String JDK_24_NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    /** JDK 24 and later: {@code sun.misc.Unsafe} memory access for Agrona and Chronicle. */
    public static final String JDK_24_UNSAFE_MEMORY_ACCESS = "--sun-misc-unsafe-memory-access=allow";

    private static final List<String> ALL_JDKS = List.of(
        AGRONA_MISC, CHRONICLE_NIO_CH_EXPORTS, CHRONICLE_REFLECT, CHRONICLE_REF, CHRONICLE_LANG, CHRONICLE_NIO,
        CHRONICLE_NIO_CH_OPENS, CHRONICLE_MISC, QUIET_ANALYTICS, QUIET_ANNOUNCER, QUIET_PERF_INFO);

    /** JDK 24 and later warn about, then refuse, native access and sun.misc.Unsafe memory access. */
    private static final List<String> JDK_24_PLUS = List.of(JDK_24_NATIVE_ACCESS, JDK_24_UNSAFE_MEMORY_ACCESS);

    private JvmFlags()
    {
    }

    /**
     * @return the flags for a JVM of the same feature version as this one.
     */
    public static List<String> required()
    {
        return required(Runtime.version().feature());
    }

    /**
     * @param javaFeatureVersion feature version of the JVM that will be launched, e.g. 17 or 25.
     * @return the flags that JVM needs.
     */
    public static List<String> required(final int javaFeatureVersion)
    {
        final List<String> flags = new ArrayList<>(ALL_JDKS);
        if (javaFeatureVersion >= 24)
        {
            flags.addAll(JDK_24_PLUS);
        }
        return List.copyOf(flags);
    }
}

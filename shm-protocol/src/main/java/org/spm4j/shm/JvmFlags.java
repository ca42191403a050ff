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
    private static final List<String> AGRONA = List.of(
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");

    private static final List<String> CHRONICLE = List.of(
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED");

    private static final List<String> QUIET = List.of(
        "-Dchronicle.analytics.disable=true",
        "-Dchronicle.announcer.disable=true",
        "-Ddisable.perf.info=true");

    /** JDK 24 and later warn about, then refuse, native access and sun.misc.Unsafe memory access. */
    private static final List<String> JDK_24_PLUS = List.of(
        "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow");

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
        final List<String> flags = new ArrayList<>(AGRONA);
        flags.addAll(CHRONICLE);
        flags.addAll(QUIET);
        if (javaFeatureVersion >= 24)
        {
            flags.addAll(JDK_24_PLUS);
        }
        return List.copyOf(flags);
    }
}

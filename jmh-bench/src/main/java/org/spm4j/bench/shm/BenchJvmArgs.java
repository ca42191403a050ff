package org.spm4j.bench.shm;

/**
 * JVM flags of the JMH forks, as compile-time constants so that {@code @Fork(jvmArgsAppend = ...)} can
 * name them. They repeat {@link org.spm4j.shm.JvmFlags#required()} for JDK 17 to 23 (an annotation cannot
 * ask the running JVM); child JVMs started by a benchmark get {@code JvmFlags.required()} itself.
 */
final class BenchJvmArgs
{
    static final String AGRONA_MISC = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    static final String CHRONICLE_NIO_CH_EXPORTS = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
    static final String CHRONICLE_REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    static final String CHRONICLE_REF = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";
    static final String CHRONICLE_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    static final String CHRONICLE_NIO = "--add-opens=java.base/java.nio=ALL-UNNAMED";
    static final String CHRONICLE_NIO_CH_OPENS = "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED";
    static final String CHRONICLE_MISC = "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED";
    static final String QUIET_ANALYTICS = "-Dchronicle.analytics.disable=true";
    static final String QUIET_ANNOUNCER = "-Dchronicle.announcer.disable=true";
    static final String QUIET_PERF_INFO = "-Ddisable.perf.info=true";
    static final String NO_BOUNDS_CHECKS = "-Dagrona.disable.bounds.checks=true";

    private BenchJvmArgs()
    {
    }
}

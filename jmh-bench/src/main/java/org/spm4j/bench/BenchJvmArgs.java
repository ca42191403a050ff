package org.spm4j.bench;

/**
 * A JVM flag of the JMH forks beyond {@link org.spm4j.shm.JvmFlags}, whose constants the
 * {@code @Fork(jvmArgsAppend = ...)} annotations name: benchmarks measure without Agrona's bounds checks.
 */
public final class BenchJvmArgs
{
    public static final String NO_BOUNDS_CHECKS = "-Dagrona.disable.bounds.checks=true";

    private BenchJvmArgs()
    {
    }
}

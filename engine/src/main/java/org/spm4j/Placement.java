package org.spm4j;

/**
 * Where spoke JVMs run on the node.
 */
public enum Placement
{
    /** Let the operating system schedule them. */
    NONE,
    /** Pin each spoke to one core, round robin, with {@code taskset}. */
    CORES,
    /** Bind each spoke to one NUMA node, round robin, with {@code numactl}. */
    NUMA
}

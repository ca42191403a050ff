/**
 * Shared arrays in off-heap memory, behind the public {@link org.spm4j.SharedArray} handles: on the hub,
 * {@link org.spm4j.internal.shared.SharedArrays} writes each array's segment file in {@code <pool>/arrays/} (through
 * file writes, placed on NUMA nodes by {@code numactl} when asked) and deletes it when its handle or the pool is
 * closed; in every process that reads one, {@link org.spm4j.internal.shared.SegmentViews} keeps one mapping per file,
 * which the handles read through; {@link org.spm4j.internal.shared.SharedArrayFiles} lists a pool's arrays for
 * {@code spm stat}. It imports no other internal package.
 * <p>
 * Threads: any. A pool's registry and the process's mappings are thread-safe; an array's elements are read and
 * written as those of a Java array are, ordered between tasks by the messages that start and end them.
 */
package org.spm4j.internal.shared;

/**
 * Parallel closures from definition to use, over {@code org.spm4j.shm.closure}: on the hub,
 * {@link org.spm4j.internal.closure.ClosureRegistry} checks that names are unique, serializes each closure once
 * into the closure table as {@link org.spm4j.internal.closure.ClosureEncoding} lays it out (the packages its
 * classes come from, for the allow-list, then its bytes) and advances the fence at each sequence point; where
 * tasks run, {@link org.spm4j.internal.closure.ClosureCache} reads definitions up to the fence and deserializes
 * each once.
 * <p>
 * Threads: a registry is written while its pool is offline, by the thread that defines closures and starts a
 * manager (which publishes), and read by the hub thread while the manager is online; the hand-over of the
 * manager to the hub thread orders the two. A cache belongs to the thread that evaluates tasks: a spoke's duty
 * cycle thread, or a serial pool's caller and crew ranks, which take turns.
 */
package org.spm4j.internal.closure;

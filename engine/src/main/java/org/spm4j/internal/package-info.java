/**
 * What both pool kinds share: {@link org.spm4j.internal.AbstractPool} defines closures, keeps the
 * one-manager-online invariant, publishes the closure table at each sequence point and starts managers;
 * {@link org.spm4j.internal.PoolConfig} is what a pool was built with; {@link org.spm4j.internal.PoolSnapshot}
 * reads a pool's state from its pool file without writing to it, for {@code spm stat}.
 * <p>
 * The subpackages are layers, and a package imports only from those below it: {@code codec} and
 * {@code shared} (shared arrays) at the bottom; {@code closure} and {@code journal} over {@code codec};
 * {@code task}; {@code farm}; {@code shell}; this package; the pool kinds {@code local} and {@code serial} on top.
 * {@code spoke}, the spoke JVM, uses only {@code codec}, {@code shared}, {@code closure}, {@code journal} and
 * {@code task}, and {@code local} launches it. InternalLayeringTest checks these rules.
 * <p>
 * Threads: closures are defined and managers started by one thread at a time, as {@link org.spm4j.Pool} asks;
 * a started manager is reached as the {@code farm} package says. Configurations and snapshots are immutable.
 */
package org.spm4j.internal;

package org.spm4j;

import java.nio.file.Path;

/**
 * A handle on the spokes of a session: {@link #local(int)} spoke JVMs on this node, or
 * {@link #serial()} in the calling thread. A program is "a function of a handle to a pool, not of its
 * content": it defines closures while offline, brings one manager online at a time, and gets the same
 * results and the same failures whichever pool it is given.
 * <p>
 * Defining closures and starting managers is for one thread at a time; a started manager states its
 * own thread-safety. As {@link SharedMemory}, a pool makes arrays its spokes read in place; that is thread-safe.
 */
public interface Pool extends SharedMemory, AutoCloseable
{
    /**
     * @param spokes number of spoke JVMs.
     * @return a pool of that many spokes, all READY.
     */
    static Pool local(final int spokes)
    {
        return builder().spokes(spokes).build();
    }

    /**
     * @return a pool that runs everything in the calling thread, through the same codecs, closure
     *         table, journal and policies as a local pool.
     */
    static Pool serial()
    {
        return builder().serial().build();
    }

    /**
     * @return a builder for a pool with options.
     */
    static PoolBuilder builder()
    {
        return new PoolBuilder();
    }

    /**
     * Define a task closure: serialize it into the closure table; spokes see it from the next parallel
     * sequence point (a manager coming online). Only while no manager is online.
     *
     * @param name    unique name in this pool.
     * @param closure the code.
     * @param <A>     argument type.
     * @param <R>     result type.
     * @return a handle to submit tasks with.
     * @throws ParallelInvariantException if a manager is online or the name is taken.
     * @throws IllegalArgumentException   if the closure cannot be serialized, naming what it captures.
     */
    <A, R> Closure<A, R> define(String name, TaskClosure<A, R> closure);

    /**
     * @return a builder for a task farm on this pool; {@link TaskFarm.Builder#start()} brings it online.
     */
    TaskFarm.Builder taskFarm();

    /**
     * @return a builder for a coordinator on this pool: a task farm whose tasks may ask the hub.
     */
    Coordinator.Builder coordinator();

    /**
     * @return a builder for a crew on this pool: one closure on every rank, the ranks messaging each
     *         other.
     */
    Crew.Builder crew();

    /**
     * @return a builder for a shell farm on this pool, whose tasks are stand-alone commands;
     *         {@link ShellFarm.Builder#start()} brings it online.
     */
    ShellFarm.Builder shellFarm();

    /**
     * @param placement which NUMA nodes hold the pages.
     * @return a maker of shared arrays of this pool placed so; the pool itself places them by default.
     */
    SharedMemory sharedMemory(MemoryPlacement placement);

    /**
     * @return number of spokes, 1 for a serial pool.
     */
    int spokeCount();

    /**
     * @return true for a serial pool.
     */
    boolean isSerial();

    /**
     * @return the pool id, unique on this node.
     */
    String id();

    /**
     * @return the directory of the error journal.
     */
    Path journalDirectory();

    /**
     * Stop the spokes (gracefully, then forcibly after a grace period), free the shared arrays still open and
     * remove the pool directory; a journal configured as persistent is kept.
     */
    @Override
    void close();
}

package org.spm4j.bench.engine;

import org.spm4j.TaskClosure;

/**
 * The task closures the engine benchmarks run.
 */
final class Tasks
{
    /** Returns its argument: a task that costs nothing but its trip. */
    static final TaskClosure<Integer, Integer> NO_OP = argument -> argument;

    /** Throws at once, with a short message and no cause. */
    static final TaskClosure<Integer, Integer> FAIL = argument ->
    {
        throw new IllegalStateException("task " + argument + " fails on purpose");
    };

    private Tasks()
    {
    }
}

package org.spm4j.examples;

import java.util.List;

import org.spm4j.Closure;
import org.spm4j.ErrorPolicy;
import org.spm4j.ParallelException;
import org.spm4j.Pool;
import org.spm4j.TaskFarm;

/**
 * The smallest whole program: the same code on two spoke JVMs, or serially with argument "serial".
 */
public final class QuickStart
{
    private QuickStart()
    {
    }

    /**
     * @param args "serial" to run in this thread, nothing for two spoke JVMs.
     */
    public static void main(final String[] args)
    {
        try (Pool pool = args.length > 0 && "serial".equals(args[0]) ? Pool.serial() : Pool.local(2))
        {
            final Closure<Integer, Long> square = pool.define("square", (Integer x) -> (long)x * x);
            final Closure<Integer, Integer> noThrees = pool.define("no-threes", (Integer x) ->
            {
                if (3 == x)
                {
                    throw new IllegalArgumentException("three is not allowed");
                }
                return x;
            });
            try (TaskFarm farm = pool.taskFarm().start())
            {
                System.out.println("squares: " + farm.map(square, List.of(1, 2, 3, 4, 5)));
            }
            try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.collect()).start())
            {
                farm.map(noThrees, List.of(1, 2, 3, 4));
            }
            catch (final ParallelException ex)
            {
                System.out.println("failed: " + ex.failures().get(0).describeWithoutPlacement());
            }
        }
    }
}

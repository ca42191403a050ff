package org.spm4j;

import java.nio.file.Path;
import java.util.List;

import org.spm4j.internal.local.LocalPool;

/**
 * A hub in its own JVM, to be killed by a test: starts a local pool of 2 under the given root, prints its
 * directory and spoke pids, and waits to be killed. With "busy" as second argument it first has a task fail
 * (so the journal holds a record), then keeps its spokes running slow tasks; with "shared" it shares an array
 * and prints its file.
 */
public final class HubProgram
{
    private HubProgram()
    {
    }

    /**
     * @param args the pool root, and "busy", "shared" or nothing.
     * @throws InterruptedException if interrupted while idle.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        try (Pool pool = Pool.builder().spokes(2).root(Path.of(args[0])).build())
        {
            final LocalPool local = (LocalPool)pool;
            System.out.println("POOL " + local.directory());
            System.out.println("SPOKES " + List.of(local.spokePid(0), local.spokePid(1)));
            if (args.length > 1 && "busy".equals(args[1]))
            {
                keepBusy(pool);
            }
            if (args.length > 1 && "shared".equals(args[1]))
            {
                System.out.println("SHARED " + pool.share(new double[] {1, 2, 3}).path());
            }
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static void keepBusy(final Pool pool)
    {
        final Closure<Integer, Integer> slow = pool.define("slow", (Integer x) ->
        {
            if (x < 0)
            {
                throw new IllegalStateException("a record before the hub dies");
            }
            Thread.sleep(100);
            return x;
        });
        try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.ignore()).start())
        {
            farm.submit(slow, -1).exceptionally(failure -> 0).join();
            System.out.println("RUNNING");
            farm.map(slow, Scenarios.range(100_000));
        }
    }
}

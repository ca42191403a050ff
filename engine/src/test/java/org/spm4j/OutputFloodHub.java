package org.spm4j;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A hub in its own JVM whose one spoke prints a line of the given number of megabytes, without a line feed
 * until its end, then one more line; the hub prints CLOSED once its pool is closed, then waits to be killed.
 */
public final class OutputFloodHub
{
    private OutputFloodHub()
    {
    }

    /**
     * @param args the pool root and the megabytes of the line.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        try (Pool pool = Pool.builder().spokes(1).root(Path.of(args[0])).build())
        {
            final Closure<Integer, Integer> flood = pool.define("flood", (Integer megabytes) ->
            {
                final byte[] megabyte = new byte[1 << 20];
                Arrays.fill(megabyte, (byte)'x');
                final PrintStream out = System.out;
                for (int i = 0; i < megabytes; i++)
                {
                    out.write(megabyte, 0, megabyte.length);
                }
                out.println();
                out.println("after the flood");
                out.flush();
                return megabytes;
            });
            try (TaskFarm farm = pool.taskFarm().start())
            {
                farm.submit(flood, Integer.parseInt(args[1])).join();
            }
        }
        System.out.println("CLOSED");
        Thread.sleep(Long.MAX_VALUE);
    }
}

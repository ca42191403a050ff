package org.spm4j.examples;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.spm4j.Pool;
import org.spm4j.PoolBuilder;

/**
 * Runs the same work on a serial pool, then on a pool of spokes, and prints the wall time and speed-up
 * of each. Starting the spokes is left out of the parallel run's time, since a session pays it once: a
 * spoke is READY in a fraction of a second, then opens the error journal in the background, which takes
 * about half a second of CPU, so the spokes are given a second for that before the run.
 *
 * @param serial the serial run's result.
 * @param local  the parallel run's result.
 * @param <T>    what the work returns.
 */
record SerialVsLocal<T>(T serial, T local)
{
    private static final long SETTLE_MS = 1000;

    /**
     * @param options   spokes and pool root.
     * @param configure pool options the work needs beyond those, applied to both pools.
     * @param work      a function of a handle to a pool, not of its content.
     * @param out       where the table goes.
     * @param <T>       what the work returns.
     * @return both results.
     */
    static <T> SerialVsLocal<T> run(
        final PoolOptions options,
        final UnaryOperator<PoolBuilder> configure,
        final Function<Pool, T> work,
        final PrintWriter out)
    {
        out.printf("%-8s %6s %11s %9s%n", "mode", "spokes", "wall time", "speed-up");
        final T serial;
        final long serialNs;
        try (Pool pool = configure.apply(options.serial()).build())
        {
            final long startNs = System.nanoTime();
            serial = work.apply(pool);
            serialNs = System.nanoTime() - startNs;
        }
        printRow(out, "serial", 1, serialNs, serialNs);

        final long launchNs = System.nanoTime();
        try (Pool pool = configure.apply(options.local()).build())
        {
            final long readyNs = System.nanoTime() - launchNs;
            settle();
            final long startNs = System.nanoTime();
            final T local = work.apply(pool);
            printRow(out, "local", options.spokes, System.nanoTime() - startNs, serialNs);
            out.printf("(the spokes were READY in %d ms, then given a second to open their error journals; " +
                "not counted)%n", TimeUnit.NANOSECONDS.toMillis(readyNs));
            return new SerialVsLocal<>(serial, local);
        }
    }

    private static void printRow(
        final PrintWriter out, final String mode, final int spokes, final long elapsedNs, final long serialNs)
    {
        out.printf("%-8s %6d %9.3f s %8.2fx%n", mode, spokes, elapsedNs / 1e9, (double)serialNs / elapsedNs);
        out.flush();
    }

    private static void settle()
    {
        try
        {
            Thread.sleep(SETTLE_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}

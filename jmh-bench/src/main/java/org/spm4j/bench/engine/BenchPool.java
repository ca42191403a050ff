package org.spm4j.bench.engine;

import java.nio.file.Path;
import java.util.List;

import org.spm4j.Pool;
import org.spm4j.PoolBuilder;
import org.spm4j.SpokeIdle;
import org.spm4j.bench.BenchJvmArgs;
import org.spm4j.bench.BenchRoot;

/**
 * A local pool for a benchmark, under a fresh {@link BenchRoot} that {@link #close()} removes. Its spokes,
 * like the JMH fork, run without Agrona's bounds checks, plus the JVM options in the system property
 * {@value #SPOKE_OPTIONS_PROPERTY}, separated by spaces, to profile them. Not thread-safe.
 */
final class BenchPool implements AutoCloseable
{
    /** System property of extra spoke JVM options, e.g. {@code -XX:StartFlightRecording:filename=/tmp/s.jfr}. */
    static final String SPOKE_OPTIONS_PROPERTY = "spm4j.bench.spokeJvmOptions";

    private final Path root;
    private final Pool pool;

    private BenchPool(final Path root, final Pool pool)
    {
        this.root = root;
        this.pool = pool;
    }

    /**
     * @param spokes number of spokes.
     * @param idle   how they and the hub wait.
     * @return the pool, every spoke READY.
     */
    static BenchPool start(final int spokes, final SpokeIdle idle)
    {
        return start(spokes, idle, List.of());
    }

    /**
     * @param spokes       number of spokes.
     * @param idle         how they and the hub wait.
     * @param spokeOptions more JVM options for every spoke.
     * @return the pool, every spoke READY.
     */
    static BenchPool start(final int spokes, final SpokeIdle idle, final List<String> spokeOptions)
    {
        final Path root = BenchRoot.create();
        try
        {
            final PoolBuilder builder = builder(root, spokes, idle);
            spokeOptions.forEach(builder::spokeJvmOption);
            return new BenchPool(root, builder.build());
        }
        catch (final RuntimeException | Error ex)
        {
            BenchRoot.delete(root);
            throw ex;
        }
    }

    /**
     * @param root   where the pool goes.
     * @param spokes number of spokes.
     * @param idle   how they and the hub wait.
     * @return a builder with the options every benchmark pool has.
     */
    private static PoolBuilder builder(final Path root, final int spokes, final SpokeIdle idle)
    {
        final PoolBuilder builder =
            Pool.builder().spokes(spokes).idle(idle).root(root).spokeJvmOption(BenchJvmArgs.NO_BOUNDS_CHECKS);
        for (final String option : System.getProperty(SPOKE_OPTIONS_PROPERTY, "").split(" "))
        {
            if (!option.isBlank())
            {
                builder.spokeJvmOption(option);
            }
        }
        return builder;
    }

    /**
     * Close a farm, then its pool; either may be null, as after a failed setup.
     */
    static void closeAll(final AutoCloseable farm, final BenchPool pool)
    {
        try
        {
            if (null != farm)
            {
                farm.close();
            }
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("the farm did not close cleanly", ex);
        }
        finally
        {
            if (null != pool)
            {
                pool.close();
            }
        }
    }

    Pool pool()
    {
        return pool;
    }

    @Override
    public void close()
    {
        try
        {
            pool.close();
        }
        finally
        {
            BenchRoot.delete(root);
        }
    }
}

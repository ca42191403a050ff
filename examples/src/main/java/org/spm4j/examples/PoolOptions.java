package org.spm4j.examples;

import java.nio.file.Path;

import org.spm4j.Pool;
import org.spm4j.PoolBuilder;
import picocli.CommandLine.Option;

/**
 * The options every example takes: help, and those it makes its pools with (how many spokes, and where the
 * pool files go).
 */
final class PoolOptions
{
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-n", "--spokes"}, paramLabel = "N",
        description = "Spoke JVMs of the parallel run (default: one per core, ${DEFAULT-VALUE}).")
    int spokes = Runtime.getRuntime().availableProcessors();

    @Option(names = "--root", paramLabel = "DIR",
        description = "Directory the pools are created under (default: /dev/shm/spm4j-<user>).")
    Path root;

    /**
     * @return a builder of a serial pool: everything in this thread.
     */
    PoolBuilder serial()
    {
        return withRoot(Pool.builder().serial());
    }

    /**
     * @return a builder of a pool of {@link #spokes} spoke JVMs.
     */
    PoolBuilder local()
    {
        return withRoot(Pool.builder().spokes(spokes));
    }

    /**
     * Check the pool root before any work.
     *
     * @throws IllegalArgumentException naming it if it cannot be used.
     */
    void validate()
    {
        serial().validate();
    }

    private PoolBuilder withRoot(final PoolBuilder builder)
    {
        return null == root ? builder : builder.root(root);
    }
}

package org.spm4j.examples;

import java.nio.file.Path;

import org.spm4j.Pool;
import org.spm4j.PoolBuilder;

/**
 * The two pools every example is checked on: the same program, the same results.
 */
enum PoolKind
{
    SERIAL
    {
        @Override
        PoolBuilder builder(final Path root)
        {
            return Pool.builder().serial().root(root);
        }
    },
    LOCAL
    {
        @Override
        PoolBuilder builder(final Path root)
        {
            return Pool.builder().spokes(2).root(root);
        }
    };

    abstract PoolBuilder builder(Path root);

    Pool start(final Path root)
    {
        return builder(root).build();
    }
}

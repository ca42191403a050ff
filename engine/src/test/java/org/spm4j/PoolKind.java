package org.spm4j;

import java.nio.file.Path;

/**
 * The two kinds of pool every scenario runs on, to show they give the same results and failures.
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

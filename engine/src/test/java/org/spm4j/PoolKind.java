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
        Pool start(final Path root)
        {
            return Pool.builder().serial().root(root).build();
        }
    },
    LOCAL
    {
        @Override
        Pool start(final Path root)
        {
            return Pool.builder().spokes(2).root(root).build();
        }
    };

    abstract Pool start(Path root);
}

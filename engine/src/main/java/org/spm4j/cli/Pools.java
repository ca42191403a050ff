package org.spm4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.spm4j.shm.PoolDirectory;

/**
 * Finds the pool a command names: a pool directory, a pool id under the root, or, when none is named,
 * the only pool under the root.
 */
final class Pools
{
    private Pools()
    {
    }

    /**
     * @param target a pool directory or pool id, or null for the only pool under the root.
     * @param root   the pool root.
     * @return the pool directory.
     * @throws BadInputException if no such pool exists, or none or several when none is named.
     */
    static PoolDirectory find(final String target, final Path root)
    {
        if (null == target)
        {
            return only(root);
        }
        final Path path = Path.of(target);
        final PoolDirectory pool = PoolDirectory.of(Files.isDirectory(path) ? path : root.resolve(target));
        if (!Files.isRegularFile(pool.poolFile()))
        {
            throw new BadInputException("unknown pool '" + target + "': no pool file at " + pool.poolFile());
        }
        return pool;
    }

    /**
     * @param root the pool root.
     * @return the only pool under it.
     * @throws BadInputException if there is none, or several.
     */
    static PoolDirectory only(final Path root)
    {
        final List<PoolDirectory> pools;
        try (Stream<Path> children = Files.isDirectory(root) ? Files.list(root) : Stream.empty())
        {
            pools = children.map(PoolDirectory::of).filter(directory -> Files.isRegularFile(directory.poolFile()))
                .toList();
        }
        catch (final IOException ex)
        {
            throw new BadInputException("cannot list the pools under " + root + ": " + ex.getMessage(), ex);
        }
        if (1 != pools.size())
        {
            throw new BadInputException((pools.isEmpty() ? "no pool" : pools.size() + " pools (" +
                String.join(", ", pools.stream().map(PoolDirectory::poolId).toList()) + ")") + " under " + root +
                "; name a pool or an error journal directory");
        }
        return pools.get(0);
    }
}

package org.spm4j.shm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.agrona.concurrent.EpochClock;

/**
 * Finds pool directories whose hub is dead, so they can be removed. A hub counts as dead when no
 * process with its pid and start time is running. A directory without a readable pool file counts
 * as dead only once it is older than a grace period, because a hub may be creating it right now.
 */
public final class StalePoolFinder
{
    private final EpochClock clock;
    private final long creationGraceMs;

    /**
     * @param clock           clock the grace period is judged by.
     * @param creationGraceMs age after which a directory without a valid pool file is stale.
     */
    public StalePoolFinder(final EpochClock clock, final long creationGraceMs)
    {
        this.clock = clock;
        this.creationGraceMs = creationGraceMs;
    }

    /**
     * @param root a pool root, see {@link PoolDirectory#defaultRoot()}.
     * @return the stale pool directories under it, none if the root does not exist.
     */
    public List<PoolDirectory> findStale(final Path root)
    {
        final List<PoolDirectory> stale = new ArrayList<>();
        if (!Files.isDirectory(root))
        {
            return stale;
        }
        try (Stream<Path> children = Files.list(root))
        {
            children.filter(Files::isDirectory).map(PoolDirectory::of).filter(this::isStale).forEach(stale::add);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list pool root " + root, ex);
        }
        return stale;
    }

    /**
     * @param directory a pool directory.
     * @return true if its hub is dead.
     */
    public boolean isStale(final PoolDirectory directory)
    {
        try (PoolFile poolFile = PoolFile.openWithoutLivenessCheck(directory.poolFile()))
        {
            return !poolFile.hubIdentity().isAlive();
        }
        catch (final ProtocolException ex)
        {
            return olderThanGrace(directory.path());
        }
    }

    private boolean olderThanGrace(final Path path)
    {
        try
        {
            return clock.time() - Files.getLastModifiedTime(path).toMillis() > creationGraceMs;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}

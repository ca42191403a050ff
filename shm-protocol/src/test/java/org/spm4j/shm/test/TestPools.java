package org.spm4j.shm.test;

import java.nio.file.Path;

import org.spm4j.shm.HubIdentity;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.PoolLayout;

/**
 * Pools for tests, created under a test's temporary directory.
 */
public final class TestPools
{
    /** Heartbeat limit children use: the test thread does not heartbeat. */
    public static final long CHILD_HEARTBEAT_TIMEOUT_MS = 120_000;

    private TestPools()
    {
    }

    /**
     * @param root       a temporary directory.
     * @param spokeCount spoke slots.
     * @return a new pool file owned by this process, with 1 MiB inboxes.
     */
    public static PoolFile create(final Path root, final int spokeCount)
    {
        return create(root, PoolLayout.of(spokeCount, 1 << 20, 1 << 16, 64));
    }

    /**
     * @param root   a temporary directory.
     * @param layout section sizes.
     * @return a new pool file owned by this process.
     */
    public static PoolFile create(final Path root, final PoolLayout layout)
    {
        final PoolDirectory directory = PoolDirectory.create(root, "pool");
        return PoolFile.create(directory.poolFile(), layout, HubIdentity.current(), System.currentTimeMillis());
    }
}

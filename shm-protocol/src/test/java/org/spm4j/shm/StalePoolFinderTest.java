package org.spm4j.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class StalePoolFinderTest
{
    private static final PoolLayout LAYOUT = PoolLayout.of(1, 1 << 12, 1 << 12, 4);
    private static final long GRACE_MS = 60_000;

    @TempDir
    private Path root;
    private final StalePoolFinder finder = new StalePoolFinder(SystemEpochClock.INSTANCE, GRACE_MS);

    @Test
    @Timeout(30)
    void shouldFindOnlyPoolsWhoseHubIsDead() throws Exception
    {
        final Process process = new ProcessBuilder("sleep", "30").start();
        final HubIdentity deadHub = HubIdentity.of(process.toHandle());
        process.destroyForcibly();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS));

        createPool("dead", deadHub);
        createPool("live", HubIdentity.current());
        createPool("reused-pid", new HubIdentity(ProcessHandle.current().pid(), 1_000));

        final List<String> stale = finder.findStale(root).stream().map(PoolDirectory::poolId).sorted().toList();

        assertEquals(List.of("dead", "reused-pid"), stale);
    }

    @Test
    void shouldLeaveADirectoryBeingCreatedAloneUntilItsGraceExpires() throws Exception
    {
        final PoolDirectory young = PoolDirectory.create(root, "young");
        final PoolDirectory old = PoolDirectory.create(root, "old");
        Files.setLastModifiedTime(old.path(), FileTime.fromMillis(System.currentTimeMillis() - 2 * GRACE_MS));

        assertEquals(List.of("old"), finder.findStale(root).stream().map(PoolDirectory::poolId).toList());
        assertTrue(Files.exists(young.path()));
    }

    @Test
    void shouldFindNothingUnderAMissingRoot()
    {
        assertTrue(finder.findStale(root.resolve("absent")).isEmpty());
    }

    @Test
    void shouldRemoveAStalePoolDirectory()
    {
        final PoolDirectory directory = createPool("gone", new HubIdentity(ProcessHandle.current().pid(), 1_000));

        finder.findStale(root).forEach(PoolDirectory::delete);

        assertTrue(Files.notExists(directory.path()));
    }

    private PoolDirectory createPool(final String poolId, final HubIdentity hub)
    {
        final PoolDirectory directory = PoolDirectory.create(root, poolId);
        PoolFile.create(directory.poolFile(), LAYOUT, hub, System.currentTimeMillis()).close();
        return directory;
    }
}

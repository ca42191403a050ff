package org.spm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.shm.HubIdentity;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.PoolLayout;

/**
 * {@code spm clean}: a dead hub's pool goes, a live hub's pool and a pool being created stay.
 */
class SpmCleanTest
{
    @TempDir
    private Path root;

    private long deadPid;

    @Test
    @Timeout(30)
    void shouldRemoveTheDirectoryOfADeadHubAndLeaveALiveOneAndOneBeingCreated() throws Exception
    {
        final PoolDirectory dead = createPool("dead", deadHub());
        final PoolDirectory live = createPool("live", HubIdentity.current());
        final Path starting = Files.createDirectory(root.resolve("starting"));

        final SpmRun dryRun = SpmRun.of("clean", "--dry-run", "--root", root.toString());

        assertEquals(Spm.OK, dryRun.exitCode(), dryRun.toString());
        assertTrue(dryRun.out().startsWith("would remove " + dead + " (hub pid "), dryRun.out());
        assertTrue(dryRun.out().endsWith("would remove 1 dead pool under " + root + "; 2 others left\n"),
            dryRun.out());
        assertTrue(Files.exists(dead.poolFile()));

        final SpmRun clean = SpmRun.of("clean", "--root", root.toString());

        assertEquals(Spm.OK, clean.exitCode(), clean.toString());
        assertEquals(List.of("removed " + dead + " (hub pid " + deadPid + " is gone)",
            "removed 1 dead pool under " + root + "; 2 others left"), clean.out().lines().toList());
        assertTrue(Files.notExists(dead.path()));
        assertTrue(Files.exists(live.poolFile()));
        assertTrue(Files.isDirectory(starting));

        final SpmRun again = SpmRun.of("clean", "--root", root.toString());
        assertEquals("removed 0 dead pools under " + root + "; 2 others left\n", again.out());
    }

    private HubIdentity deadHub() throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder("sleep", "60").start();
        final HubIdentity identity = HubIdentity.of(process.toHandle());
        process.destroyForcibly();
        process.waitFor();
        deadPid = identity.pid();
        return identity;
    }

    private PoolDirectory createPool(final String id, final HubIdentity hub) throws IOException
    {
        final PoolDirectory directory = PoolDirectory.create(root, id);
        PoolFile.create(directory.poolFile(), PoolLayout.of(1, 1 << 16, 1 << 16, 16), hub, System.currentTimeMillis())
            .close();
        Files.createDirectory(directory.journalDirectory());
        return directory;
    }
}

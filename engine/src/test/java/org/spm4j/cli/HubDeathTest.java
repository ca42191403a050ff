package org.spm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.HubProgram;
import org.spm4j.shm.HubIdentity;
import org.spm4j.shm.test.ChildJvm;

/**
 * A hub SIGKILLed while its spokes run tasks: the spokes follow it within 2 s, its journal is still readable
 * with {@code spm errors}, and {@code spm clean} removes what it left.
 */
class HubDeathTest
{
    @TempDir
    private Path root;

    @Test
    @Timeout(90)
    void shouldLeaveAReadableJournalAndNoSpokeWhenTheHubIsKilledMidRun() throws Exception
    {
        final Path pools = root.resolve("pools");
        final Path poolDirectory;
        final List<Long> spokes = new ArrayList<>();
        try (ChildJvm hub = ChildJvm.start(HubProgram.class, pools.toString(), "busy"))
        {
            poolDirectory = Path.of(hub.awaitLine("POOL ", Duration.ofSeconds(40)).substring("POOL ".length()));
            final String pids = hub.awaitLine("SPOKES ", Duration.ofSeconds(10));
            for (final String pid : pids.substring("SPOKES [".length(), pids.length() - 1).split(", "))
            {
                spokes.add(Long.parseLong(pid));
            }
            hub.awaitLine("RUNNING", Duration.ofSeconds(40));
            hub.kill();
        }

        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (final long spoke : spokes)
        {
            while (new HubIdentity(spoke, HubIdentity.UNKNOWN_START_TIME).isAlive())
            {
                assertTrue(System.nanoTime() < deadlineNs, "spoke " + spoke + " outlived its hub by 2 s");
                Thread.onSpinWait();
            }
        }

        final SpmRun errors = SpmRun.of("errors", poolDirectory.toString());
        assertEquals(Spm.OK, errors.exitCode(), errors.toString());
        assertTrue(errors.out().contains("java.lang.IllegalStateException: a record before the hub dies"),
            errors.toString());

        final SpmRun clean = SpmRun.of("clean", "--root", pools.toString());
        assertEquals(Spm.OK, clean.exitCode(), clean.toString());
        assertTrue(clean.out().contains("removed " + poolDirectory), clean.toString());
        assertFalse(Files.exists(poolDirectory));
    }
}

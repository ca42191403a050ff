package org.spm4j.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class HubIdentityTest
{
    private static final HubIdentity CURRENT = HubIdentity.current();

    @Test
    void shouldKnowTheCurrentProcessIsAlive()
    {
        assertTrue(CURRENT.isAlive());
        assertTrue(new HubIdentity(CURRENT.pid(), HubIdentity.UNKNOWN_START_TIME).isAlive());
        assertNull(CURRENT.problem());
    }

    @Test
    void shouldNotTakeAPidBeyond32BitsForTheProcessItTruncatesTo()
    {
        // Found by PoolFileFuzzTest: a flipped bit 44 of the hub pid still named the hub.
        final HubIdentity alias = new HubIdentity(CURRENT.pid() + (1L << 44), CURRENT.startTimeMs());

        assertFalse(alias.isAlive());
        assertEquals("pid " + alias.pid() + " is outside 1..2147483647", alias.problem());
    }

    @Test
    void shouldNotTakeAThreadForAProcess() throws IOException
    {
        // Found by PoolFileFuzzTest: the hub pid plus one, the id of one of its threads, still named the hub.
        final Path tasks = Path.of("/proc/self/task");
        assumeTrue(Files.isDirectory(tasks), "thread ids are visible in /proc");
        final long threadId;
        try (Stream<Path> threads = Files.list(tasks))
        {
            threadId = threads.map(task -> Long.parseLong(task.getFileName().toString()))
                .filter(id -> id != CURRENT.pid()).findFirst().orElseThrow();
        }

        assertTrue(ProcessHandle.of(threadId).isPresent(), "the JDK answers for a thread id as for a process");
        assertFalse(new HubIdentity(threadId, HubIdentity.UNKNOWN_START_TIME).isAlive());
    }

    @Test
    void shouldNotTakeAnUnknownStartTimeOnAPlatformThatRecordsStartTimes()
    {
        // Found by PoolFileFuzzTest: a start time of 0 made any live pid pass for the hub.
        assumeTrue(HubIdentity.UNKNOWN_START_TIME != CURRENT.startTimeMs(), "this platform records start times");

        assertEquals("start time 0 ms is not one this platform records",
            new HubIdentity(CURRENT.pid(), HubIdentity.UNKNOWN_START_TIME).problem());
        assertEquals("start time -1 ms is not one this platform records",
            new HubIdentity(CURRENT.pid(), -1).problem());
    }
}

package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.spm4j.internal.PoolSnapshot;
import org.spm4j.internal.local.LocalPool;
import org.spm4j.shm.PoolFileDescriptor;
import org.spm4j.shm.journal.ErrorJournalScanner;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.journal.ErrorRecord;

/**
 * A live pool seen from outside, as a fault test sees it: its spokes' processes, the records its journal holds,
 * its counters; and waits for them bounded by {@link #BOUND}, so a test that waits for an outcome that never
 * comes fails instead of hanging.
 */
final class PoolProbe
{
    /** How long an outcome may take: long enough for a loaded machine, short enough to catch a hang. */
    static final Duration BOUND = Duration.ofSeconds(30);

    private PoolProbe()
    {
    }

    static Path poolFileOf(final Pool pool)
    {
        return ((LocalPool)pool).directory().resolve(PoolFileDescriptor.POOL_FILE_NAME);
    }

    static List<Long> spokePids(final LocalPool pool)
    {
        final List<Long> pids = new ArrayList<>();
        for (int spokeId = 0; spokeId < pool.spokeCount(); spokeId++)
        {
            pids.add(pool.spokePid(spokeId));
        }
        return pids;
    }

    static int spokeIdOf(final LocalPool pool, final long pid)
    {
        for (int spokeId = 0; spokeId < pool.spokeCount(); spokeId++)
        {
            if (pid == pool.spokePid(spokeId))
            {
                return spokeId;
            }
        }
        throw new AssertionError("no spoke of the pool has pid " + pid);
    }

    static long awaitNewSpoke(final LocalPool pool, final long oldPid)
    {
        final long[] pid = new long[1];
        awaitTrue(() -> 0 != (pid[0] = pool.spokePid(0)) && oldPid != pid[0], "no spoke replaced pid " + oldPid);
        return pid[0];
    }

    static boolean awaitDeath(final long pid) throws Exception
    {
        ProcessHandle.of(pid).map(ProcessHandle::onExit).orElse(CompletableFuture.completedFuture(null))
            .get(BOUND.toSeconds(), TimeUnit.SECONDS);
        return ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true);
    }

    /**
     * Kill an idle spoke and wait until the hub has recorded its loss, so that no task goes to it meanwhile.
     */
    static void killIdleSpoke(final Pool pool, final int spokeId)
    {
        final long pid = ((LocalPool)pool).spokePid(spokeId);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        awaitRecord(pool, "spoke " + spokeId + " (pid " + pid + ") died");
    }

    static long spokesLost(final Pool pool)
    {
        return PoolSnapshot.read(poolFileOf(pool), System.currentTimeMillis()).totals().get("spokes lost");
    }

    static ErrorRecord awaitRecord(final Pool pool, final String messagePart)
    {
        return awaitRecord(pool, null, messagePart);
    }

    /**
     * @param kind the record's kind; null for any.
     */
    static ErrorRecord awaitRecord(final Pool pool, final ErrorKind kind, final String messagePart)
    {
        final ErrorRecord[] found = new ErrorRecord[1];
        awaitTrue(() -> null != (found[0] = recordWith(pool.journalDirectory(), kind, messagePart)),
            "no " + (null == kind ? "" : kind + " ") + "journal record says '" + messagePart + "'");
        return found[0];
    }

    static ErrorRecord recordWith(final Path journalDirectory, final ErrorKind kind, final String messagePart)
    {
        final List<ErrorRecord> found = recordsWith(journalDirectory, kind, messagePart);
        return found.isEmpty() ? null : found.get(0);
    }

    static List<ErrorRecord> recordsWith(
        final Path journalDirectory, final ErrorKind kind, final String messagePart)
    {
        final List<ErrorRecord> found = new ArrayList<>();
        try (ErrorJournalScanner scanner = ErrorJournalScanner.open(journalDirectory))
        {
            while (scanner.read((record, index) ->
            {
                if ((null == kind || kind == record.kind()) && null != record.message() &&
                    record.message().contains(messagePart))
                {
                    found.add(record);
                }
            }, undecoded ->
            {
                throw undecoded;
            }, 1000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return found;
    }

    /**
     * @return the cycle files of every queue of the journal: the hub's own and each spoke's.
     */
    static List<Path> cycleFiles(final Path journalDirectory) throws IOException
    {
        try (Stream<Path> files = Files.walk(journalDirectory))
        {
            return files.filter(file -> file.toString().endsWith(".cq4")).toList();
        }
    }

    /**
     * @return the most cycle files any one queue of the journal holds.
     */
    static long mostCyclesOfOneQueue(final Path journalDirectory) throws IOException
    {
        return cycleFiles(journalDirectory).stream()
            .collect(Collectors.groupingBy(Path::getParent, Collectors.counting()))
            .values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    static void awaitFile(final Path file)
    {
        awaitTrue(() -> Files.exists(file), "no " + file);
    }

    static void awaitTrue(final BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadlineNs, what + " within " + BOUND);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    static void signal(final String signal, final long pid) throws IOException, InterruptedException
    {
        final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS), "kill -" + signal + " " + pid + " did not return");
    }
}

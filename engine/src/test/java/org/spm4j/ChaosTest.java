package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.internal.local.FailedStarts;

/**
 * Short chaos runs: for 8 s a spoke is SIGKILLed every 200 ms under a task farm and a coordinator, and every
 * 1.5 s under a crew; for 8 s a spoke is SIGKILLed or SIGSTOPped in turn every 200 ms under a task farm; for 3 s
 * every spoke JVM is SIGKILLed every 20 ms under a task farm. Then the round under way finishes. The long runs
 * are {@code scripts/chaos}.
 */
class ChaosTest
{
    /** The five runs together last about 50 s. */
    private static final long CHAOS_MS = 8_000;
    private static final long KILL_EVERY_MS = 200;
    /** A crew rerun restarts every spoke, which takes longer than 200 ms on a small node. */
    private static final long CREW_KILL_EVERY_MS = 1_500;
    private static final long MASSACRE_MS = 3_000;
    private static final long MASSACRE_EVERY_MS = 20;

    @TempDir
    private Path root;

    @Test
    @Timeout(120)
    void shouldLoseNothingFromATaskFarmWhileSpokesAreKilled()
    {
        assertSurvived(ChaosRun.run(root, plan(ChaosMode.KILL, KILL_EVERY_MS, CHAOS_MS),
            ChaosRun.farm(Integer.MAX_VALUE, 10_000)));
    }

    @Test
    @Timeout(120)
    void shouldLoseNothingFromACoordinatorWhileSpokesAreKilled()
    {
        assertSurvived(ChaosRun.run(root, plan(ChaosMode.KILL, KILL_EVERY_MS, CHAOS_MS),
            ChaosRun.coordinator(Integer.MAX_VALUE, 500)));
    }

    @Test
    @Timeout(120)
    void shouldRerunACrewToTheRightSumWhileSpokesAreKilled()
    {
        assertSurvived(ChaosRun.run(root, plan(ChaosMode.KILL, CREW_KILL_EVERY_MS, CHAOS_MS),
            ChaosRun.crew(Integer.MAX_VALUE)));
    }

    @Test
    @Timeout(120)
    void shouldLoseNothingFromATaskFarmWhileSpokesAreKilledAndStopped()
    {
        final ChaosRun.Figures figures = ChaosRun.run(root, plan(ChaosMode.STOP, KILL_EVERY_MS, CHAOS_MS),
            ChaosRun.farm(Integer.MAX_VALUE, 10_000));
        assertTrue(figures.stops() > 0, "the chaos thread stopped nothing: " + figures);
        assertSurvived(figures);
    }

    @Test
    @Timeout(120)
    void shouldEndExactlyOrInACleanParallelExceptionAfterEverySpokeJvmIsKilledForSeconds()
    {
        final ChaosRun.Figures figures = ChaosRun.run(root, plan(ChaosMode.MASSACRE, MASSACRE_EVERY_MS, MASSACRE_MS),
            ChaosRun.farm(Integer.MAX_VALUE, 2_000));
        if (null != figures.failed())
        {
            assertTrue(figures.failed().failures().stream().noneMatch(f -> FailureKind.NO_SPOKES == f.kind()),
                "a spoke killed while it starts did not fail to start, yet one was given up on: " + figures);
            assertTrue(figures.clean(), figures.toString());
        }
        assertTrue(figures.kills() > (FailedStarts.MAX_IN_A_ROW + 1) * 2L,
            "spokes were not killed again and again as they started: " + figures);
        assertNothingLost(figures);
    }

    @Test
    @Timeout(120)
    void shouldSurviveTasksThatExitRunOutOfMemoryOrHangWithEachFailureRecorded() throws IOException
    {
        final String markers = Files.createDirectory(root.resolve("markers")).toString();
        final List<TaskFailure> failures = new CopyOnWriteArrayList<>();
        try (Pool pool = Pool.builder().spokes(2).root(root.resolve("pools")).spokeJvmOption("-Xmx64m").build())
        {
            final Closure<Integer, Integer> faulty = pool.define("faulty", (Integer x) ->
            {
                if (x % 100 == 50 && Files.notExists(Path.of(markers, x.toString())))
                {
                    Files.createFile(Path.of(markers, x.toString()));
                    switch (x)
                    {
                        case 50 -> System.exit(7);
                        case 150 ->
                        {
                            final List<long[]> hog = new ArrayList<>();
                            while (hog.size() >= 0)
                            {
                                hog.add(new long[1 << 20]);
                            }
                        }
                        default -> Thread.sleep(60_000);
                    }
                }
                return x * x;
            });
            try (TaskFarm farm = pool.taskFarm().deadline(Duration.ofSeconds(2)).errorPolicy(failure ->
            {
                failures.add(failure);
                return ErrorPolicy.retry(2, ErrorPolicy.failFast()).decide(failure);
            }).start())
            {
                assertEquals(Scenarios.range(300).stream().map(x -> x * x).toList(),
                    farm.map(faulty, Scenarios.range(300)));
            }
        }
        assertEquals(List.of(FailureKind.SPOKE_CRASHED, FailureKind.SPOKE_CRASHED, FailureKind.DEADLINE_EXCEEDED),
            failures.stream().sorted(Comparator.comparingLong(TaskFailure::taskId)).map(TaskFailure::kind).toList(),
            failures.toString());
        assertTrue(failures.stream().allMatch(failure -> failure.journalIndex() >= 0), failures.toString());
    }

    private static ChaosRun.Plan plan(final ChaosMode mode, final long periodMs, final long chaosMs)
    {
        return new ChaosRun.Plan(mode, 2, periodMs, chaosMs, chaosMs);
    }

    private static void assertSurvived(final ChaosRun.Figures figures)
    {
        assertTrue(figures.kills() > 0, "the chaos thread killed nothing: " + figures);
        assertNull(figures.failed(), figures.toString());
        assertNothingLost(figures);
    }

    private static void assertNothingLost(final ChaosRun.Figures figures)
    {
        assertEquals(0, figures.wrongResults(), figures.toString());
        assertEquals(figures.kills() + figures.stops(), figures.spokesLost(),
            "every spoke killed or stopped seen lost by the hub: " + figures);
        assertEquals(0, figures.recordless(), "every failure has its journal record: " + figures);
        assertEquals(0, figures.orphans(), figures.toString());
        assertEquals(0, figures.leftovers(), figures.toString());
    }
}

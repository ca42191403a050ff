package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * Short chaos runs: for 8 s a spoke is SIGKILLed every 200 ms under a task farm and a coordinator, and every
 * 1.5 s under a crew; then the round under way finishes. The long run is {@code scripts/chaos}.
 */
class ChaosTest
{
    /** The three runs together last about 30 s. */
    private static final long CHAOS_MS = 8_000;
    private static final long KILL_EVERY_MS = 200;
    /** A crew rerun restarts every spoke, which takes longer than 200 ms on a small node. */
    private static final long CREW_KILL_EVERY_MS = 1_500;

    @TempDir
    private Path root;

    @Test
    @Timeout(120)
    void shouldLoseNothingFromATaskFarmWhileSpokesAreKilled()
    {
        assertSurvived(ChaosRun.run(root, 2, KILL_EVERY_MS, CHAOS_MS, ChaosRun.farm(Integer.MAX_VALUE, 10_000)));
    }

    @Test
    @Timeout(120)
    void shouldLoseNothingFromACoordinatorWhileSpokesAreKilled()
    {
        assertSurvived(ChaosRun.run(root, 2, KILL_EVERY_MS, CHAOS_MS, ChaosRun.coordinator(Integer.MAX_VALUE, 500)));
    }

    @Test
    @Timeout(120)
    void shouldRerunACrewToTheRightSumWhileSpokesAreKilled()
    {
        assertSurvived(ChaosRun.run(root, 2, CREW_KILL_EVERY_MS, CHAOS_MS, ChaosRun.crew(Integer.MAX_VALUE)));
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

    private static void assertSurvived(final ChaosRun.Figures figures)
    {
        assertTrue(figures.kills() > 0, "the chaos thread killed nothing: " + figures);
        assertEquals(0, figures.wrongResults(), figures.toString());
        assertEquals(figures.kills(), figures.spokesLost(), "every kill seen by the hub: " + figures);
        assertEquals(0, figures.recordless(), "every failure has its journal record: " + figures);
        assertEquals(0, figures.orphans(), figures.toString());
        assertEquals(0, figures.leftovers(), figures.toString());
    }
}

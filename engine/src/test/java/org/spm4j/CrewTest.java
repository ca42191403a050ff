package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.spm4j.internal.spoke.SpokeMain;
import org.spm4j.shm.journal.ErrorJournalScanner;
import org.spm4j.shm.journal.ErrorRecordHandler;
import org.spm4j.shm.journal.ErrorKind;

class CrewTest
{
    @TempDir
    private Path root;

    static Stream<Arguments> kindsAndSizes()
    {
        return Stream.of(PoolKind.values()).flatMap(kind -> Stream.of(Arguments.of(kind, 2), Arguments.of(kind, 3)));
    }

    @ParameterizedTest(name = "{0} with {1} ranks")
    @MethodSource("kindsAndSizes")
    void shouldPassValuesAroundARing(final PoolKind kind, final int size)
    {
        try (Pool pool = kind.builder(root).spokes(3).build())
        {
            final Closure<String, String> ring = pool.define("ring", (String prefix) ->
            {
                final int rank = Crew.rank();
                Crew.send((rank + 1) % Crew.size(), prefix + rank);
                final String received = Crew.receive((rank + Crew.size() - 1) % Crew.size());
                Crew.barrier();
                return rank + " got " + received;
            });
            try (Crew crew = pool.crew().size(size).start())
            {
                final List<String> expected = new ArrayList<>();
                for (int rank = 0; rank < size; rank++)
                {
                    expected.add(rank + " got r" + (rank + size - 1) % size);
                }
                assertEquals(expected, crew.run(ring, "r"));
            }
        }
    }

    @ParameterizedTest(name = "{0} with {1} ranks")
    @MethodSource("kindsAndSizes")
    void shouldReduceExactlyInRankOrder(final PoolKind kind, final int size)
    {
        try (Pool pool = kind.builder(root).spokes(3).build())
        {
            final Closure<Integer, double[]> sums = pool.define("sums", (Integer scale) ->
            {
                final int rank = Crew.rank();
                final double[] total = Crew.allReduce(new double[] { (rank + 1) * 0.1, scale * rank }, ReduceOp.SUM);
                final long[] max = Crew.allReduce(new long[] { rank, -rank }, ReduceOp.MAX);
                final double[] atRoot = Crew.reduce(1, new double[] { rank }, ReduceOp.MIN);
                final String fromRoot = Crew.broadcast(0, 0 == rank ? "hello from 0" : null);
                return new double[] { total[0], total[1], max[0], max[1], null == atRoot ? -1 : atRoot[0],
                    fromRoot.length() };
            });
            final List<double[]> results;
            try (Crew crew = pool.crew().size(size).start())
            {
                results = crew.run(sums, 10);
            }
            double expectedSum = 0;
            for (int rank = 0; rank < size; rank++)
            {
                expectedSum += (rank + 1) * 0.1;
            }
            final int triangle = size * (size - 1) / 2;
            for (int rank = 0; rank < size; rank++)
            {
                assertArrayEquals(new double[] { expectedSum, 10.0 * triangle, size - 1, 0, 1 == rank ? 0 : -1, 12 },
                    results.get(rank), "rank " + rank);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shouldStopEveryRankWhenOneThrowsAndRecordOneCrewFailure(final PoolKind kind) throws Exception
    {
        final Path journal = root.resolve("journal");
        try (Pool pool = kind.builder(root.resolve("pools")).persistentJournal(journal).build())
        {
            final Closure<Integer, Integer> failing = pool.define("failing", (Integer x) ->
            {
                if (1 == Crew.rank())
                {
                    throw new IllegalStateException("rank 1 gives up");
                }
                return Crew.<Integer>receive(1);
            });
            final ParallelException ex = assertThrows(ParallelException.class, () ->
            {
                try (Crew crew = pool.crew().size(2).start())
                {
                    crew.run(failing, 0);
                }
            });
            assertEquals(1, ex.failures().size());
            final TaskFailure failure = ex.failures().get(0);
            assertEquals(FailureKind.CREW_FAILED, failure.kind());
            assertTrue(failure.remoteMessage().startsWith("rank 1 of crew run 1 failed, so the crew stopped: " +
                "TASK_FAILED java.lang.IllegalStateException: rank 1 gives up"), failure.remoteMessage());

            final Closure<Integer, Integer> rank = pool.define("rank", (Integer x) -> Crew.rank() + x);
            try (Crew crew = pool.crew().size(2).start())
            {
                assertEquals(List.of(5, 6), crew.run(rank, 5), "the crew runs again after a failure");
            }
        }
        assertEquals(1, countRecords(journal, ErrorKind.CREW_FAILED));
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shouldRerunTheWholeCrewWhenThePolicySaysRetry(final PoolKind kind) throws Exception
    {
        final String markers = Files.createDirectory(root.resolve("markers")).toString();
        try (Pool pool = kind.start(root.resolve("pools")))
        {
            final Closure<Integer, Integer> flaky = pool.define("flaky", (Integer x) ->
            {
                final int rank = Crew.rank();
                if (0 == rank && !Files.exists(Path.of(markers, "failed-once")))
                {
                    Files.createFile(Path.of(markers, "failed-once"));
                    throw new IllegalStateException("first run fails");
                }
                return (int)Crew.allReduce(new long[] { rank + x }, ReduceOp.SUM)[0];
            });
            try (Crew crew = pool.crew().size(2).errorPolicy(ErrorPolicy.retry(1, ErrorPolicy.failFast())).start())
            {
                assertEquals(List.of(3, 3), crew.run(flaky, 1));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shouldRerunRanksThatHadAlreadyFinished(final PoolKind kind) throws Exception
    {
        final String markers = Files.createDirectory(root.resolve("markers")).toString();
        try (Pool pool = kind.start(root.resolve("pools")))
        {
            final Closure<Integer, String> pair = pool.define("pair", (Integer x) ->
            {
                if (1 == Crew.rank())
                {
                    Crew.send(0, "hello " + x);
                    return "sent";
                }
                if (!Files.exists(Path.of(markers, "failed-once")))
                {
                    Files.createFile(Path.of(markers, "failed-once"));
                    throw new IllegalStateException("rank 0 fails its first run");
                }
                return Crew.receive(1);
            });
            try (Crew crew = pool.crew().size(2).errorPolicy(ErrorPolicy.retry(1, ErrorPolicy.failFast())).start())
            {
                assertEquals(List.of("hello 7", "sent"), crew.run(pair, 7),
                    "rank 1 finished its first run, and runs again with rank 0");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shouldRefusePeerMessagesFromATaskFarmTask(final PoolKind kind)
    {
        try (Pool pool = kind.start(root))
        {
            final Closure<Integer, Integer> sends = pool.define("sends", (Integer x) ->
            {
                Crew.send(1, x);
                return x;
            });
            final ParallelException ex = assertThrows(ParallelException.class, () ->
            {
                try (TaskFarm farm = pool.taskFarm().start())
                {
                    farm.map(sends, List.of(1));
                }
            });
            assertEquals(ParallelInvariantException.class.getName(), ex.failures().get(0).remoteClass());
            assertEquals("Crew.send called by task 1, which is not a crew's: only crew tasks may message other " +
                "spokes", ex.failures().get(0).remoteMessage());
        }
    }

    @Test
    @Timeout(60)
    void shouldReleaseTheOtherRanksWhenOneIsKilledDuringABarrier() throws Exception
    {
        final String markers = Files.createDirectory(root.resolve("markers")).toString();
        try (Pool pool = Pool.builder().spokes(3).root(root.resolve("pools")).build())
        {
            final Closure<Integer, Integer> stuck = pool.define("stuck", (Integer x) ->
            {
                if (2 == Crew.rank())
                {
                    Files.writeString(Path.of(markers, "rank-2"), Long.toString(ProcessHandle.current().pid()));
                    Thread.sleep(60_000);
                }
                Crew.barrier();
                return Crew.rank();
            });
            try (Crew crew = pool.crew().size(3).start())
            {
                final CompletableFuture<List<Integer>> run = CompletableFuture.supplyAsync(() -> crew.run(stuck, 0));
                final Path pidFile = Path.of(markers, "rank-2");
                while (!Files.exists(pidFile) || Files.readString(pidFile).isEmpty())
                {
                    Thread.onSpinWait();
                }
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile))).ifPresent(ProcessHandle::destroyForcibly);

                final Throwable failure = assertThrows(Exception.class, () -> run.get(30, TimeUnit.SECONDS))
                    .getCause();
                assertTrue(failure instanceof ParallelException, String.valueOf(failure));
                final TaskFailure crewFailure = ((ParallelException)failure).failures().get(0);
                assertEquals(FailureKind.CREW_FAILED, crewFailure.kind());
                assertTrue(crewFailure.remoteMessage().contains("SPOKE_CRASHED"), crewFailure.remoteMessage());
                assertEquals(3, spokeProcesses(), "the crew's restart replaces each spoke once, orphaning none");
            }
        }
    }

    private static long spokeProcesses()
    {
        return ProcessHandle.current().children()
            .filter(child -> child.info().commandLine().orElse("").contains(SpokeMain.class.getName()))
            .count();
    }

    private static int countRecords(final Path journalDirectory, final ErrorKind kind)
    {
        final int[] count = { 0 };
        try (ErrorJournalScanner scanner = ErrorJournalScanner.open(journalDirectory))
        {
            final ErrorRecordHandler counter = (record, index) -> count[0] += kind == record.kind() ? 1 : 0;
            while (scanner.read(counter, ex -> fail(ex), 1000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return count[0];
    }
}

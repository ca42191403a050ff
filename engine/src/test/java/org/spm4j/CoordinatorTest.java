package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CoordinatorTest
{
    @TempDir
    private Path root;

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shouldAnswerTenThousandAsksFromTheSpokes(final PoolKind kind)
    {
        final List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        try (Pool pool = kind.start(root))
        {
            final Closure<Integer, Long> asker = pool.define("asker", (Integer task) ->
            {
                long sum = 0;
                for (int i = 0; i < 100; i++)
                {
                    sum += Coordinator.<Integer>ask(task * 100 + i);
                }
                return sum;
            });
            final List<Long> sums;
            try (Coordinator coordinator = pool.coordinator().onRequest(request ->
            {
                seen.add((Integer)request.message());
                return 2 * (Integer)request.message();
            }).start())
            {
                sums = coordinator.map(asker, Scenarios.range(100));
            }

            for (int task = 0; task < 100; task++)
            {
                assertEquals(2L * (task * 100L * 100 + 99 * 100 / 2), sums.get(task), "task " + task);
            }
            assertEquals(10_000, seen.size());
            assertEquals(10_000, new HashSet<>(seen).size(), "each ask answered once");
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shouldFindTheKnapsackOptimumSharingTheBestBoundThroughTheHub(final PoolKind kind)
    {
        final int[] best = { 0 };
        final int[] improvements = { 0 };
        try (Pool pool = kind.start(root))
        {
            final Closure<Knapsack.Subproblem, Integer> solve = pool.define("knapsack", Knapsack::solve);
            final List<Integer> bests;
            try (Coordinator coordinator = pool.coordinator().onRequest(request ->
            {
                if (request.expectsReply())
                {
                    return best[0];
                }
                improvements[0]++;
                best[0] = Math.max(best[0], (Integer)request.message());
                return null;
            }).start())
            {
                bests = coordinator.map(solve, Knapsack.subproblems());
            }
            assertEquals(Knapsack.optimum(), best[0]);
            assertEquals(Knapsack.optimum(), bests.stream().mapToInt(Integer::intValue).max().orElse(0));
            assertTrue(improvements[0] > 0);
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shouldRefuseMessagesFromATaskFarmTask(final PoolKind kind)
    {
        try (Pool pool = kind.start(root))
        {
            final Closure<Integer, Integer> asks = pool.define("asks", (Integer x) -> Coordinator.<Integer>ask(x));
            final ParallelException ex = assertThrows(ParallelException.class, () ->
            {
                try (TaskFarm farm = pool.taskFarm().start())
                {
                    farm.map(asks, List.of(1));
                }
            });
            assertEquals(ParallelInvariantException.class.getName(), ex.failures().get(0).remoteClass());
            assertEquals("task 1 may not ask the hub: only tasks of a Coordinator send requests",
                ex.failures().get(0).remoteMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shouldRefuseAHubHandlerThatTriesToInitiate(final PoolKind kind)
    {
        try (Pool pool = kind.start(root))
        {
            final Closure<Integer, Integer> asks = pool.define("asks", (Integer x) -> Coordinator.<Integer>ask(x));
            final ParallelException ex = assertThrows(ParallelException.class, () ->
            {
                try (Coordinator coordinator = pool.coordinator().onRequest(request ->
                {
                    Coordinator.tell("unasked");
                    return 0;
                }).start())
                {
                    coordinator.map(asks, List.of(1));
                }
            });
            final TaskFailure failure = ex.failures().get(0);
            assertEquals(FailureKind.HUB_CALLBACK_FAILED, failure.kind());
            assertEquals(ParallelInvariantException.class.getName(), failure.remoteClass());
            assertEquals("Coordinator.tell was called outside a task: only a task running on a pool may send " +
                "messages; the hub may only reply", failure.remoteMessage());
        }
        assertThrows(ParallelInvariantException.class, () -> Coordinator.ask("from the test thread"));
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shouldGiveTheSameResultsSeriallyAndInParallel(final PoolKind kind)
    {
        try (Pool pool = kind.start(root))
        {
            final Closure<Integer, String> consult = pool.define("consult", (Integer x) ->
                "task " + x + " heard " + Coordinator.ask(x));
            try (Coordinator coordinator = pool.coordinator()
                .onRequest(request -> "square " + (Integer)request.message() * (Integer)request.message())
                .start())
            {
                assertEquals(List.of("task 0 heard square 0", "task 1 heard square 1", "task 2 heard square 4",
                    "task 3 heard square 9"), coordinator.map(consult, Scenarios.range(4)));
            }
        }
    }

    /**
     * A request and a reply of a task's first attempt, arriving while its second attempt runs, are both
     * dropped: the hub never hands the stale request to its handler, and the second attempt never takes
     * the stale reply for its own.
     */
    @Test
    @Timeout(60)
    void shouldDropARequestAndAReplyOfAnEarlierAttempt() throws Exception
    {
        final Path markers = Files.createDirectory(root.resolve("markers"));
        final String directory = markers.toString();
        final List<Integer> attemptsSeen = Collections.synchronizedList(new ArrayList<>());
        try (Pool pool = Pool.builder().spokes(1).root(root.resolve("pools")).build())
        {
            final Closure<Integer, String> flaky = pool.define("flaky", (Integer x) ->
            {
                if (!Files.exists(Path.of(directory, "first")))
                {
                    Files.createFile(Path.of(directory, "first"));
                    throw new IllegalStateException("first attempt fails");
                }
                Files.createFile(Path.of(directory, "second-started"));
                while (!Files.exists(Path.of(directory, "injected")))
                {
                    Thread.onSpinWait();
                }
                return Coordinator.ask("fresh");
            });
            try (Coordinator coordinator = pool.coordinator()
                .errorPolicy(ErrorPolicy.retry(1, ErrorPolicy.failFast()))
                .onRequest(request ->
                {
                    attemptsSeen.add(request.attempt());
                    return "reply to attempt " + request.attempt();
                })
                .start())
            {
                final var result = coordinator.submit(flaky, 7);
                while (!Files.exists(markers.resolve("second-started")))
                {
                    Thread.onSpinWait();
                }
                StaleMessages.inject((org.spm4j.internal.local.LocalPool)pool, 1, 1);
                Files.createFile(markers.resolve("injected"));

                assertEquals("reply to attempt 2", result.get());
            }
        }
        assertEquals(List.of(2), attemptsSeen, "the stale request never reached the handler");
        final Set<Integer> distinct = new HashSet<>(attemptsSeen);
        assertEquals(Set.of(2), distinct);
    }
}

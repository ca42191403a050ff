package org.spm4j.internal.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spm4j.internal.farm.FarmCoreFixture.failureOf;
import static org.spm4j.internal.farm.FarmCoreFixture.resultOf;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spm4j.ErrorPolicy;
import org.spm4j.FailureKind;
import org.spm4j.TaskFailure;
import org.spm4j.TaskStatus;
import org.spm4j.internal.farm.FakeJournal.Appended;
import org.spm4j.internal.farm.FakeTransport.Batch;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.mailbox.TaskFlyweight;

/**
 * A crew run: one task per rank on the spoke of that rank, failing and rerunning as one unit.
 */
class FarmCoreCrewTest
{
    private static final int RANKS = 3;

    @Test
    void shouldSendEachRankAloneToTheSpokeOfItsRank()
    {
        final FarmCoreFixture farm = FarmCoreFixture.crewOf(RANKS).build();
        final List<FarmTask> ranks = farm.submitCrewRun();

        farm.doWork();

        assertEquals(expectedBatches(ranks, 1), farm.transport.takeBatches());
    }

    @Test
    void shouldHandOutResultsOnlyWhenEveryRankHasCompleted()
    {
        final FarmCoreFixture farm = FarmCoreFixture.crewOf(RANKS).build();
        final List<FarmTask> ranks = farm.submitCrewRun();
        farm.doWork();

        farm.complete(ranks.get(2));
        farm.complete(ranks.get(0));
        assertTrue(ranks.stream().noneMatch(rank -> rank.future.isDone()));
        assertEquals(List.of(), farm.statuses);

        farm.complete(ranks.get(1));
        for (final FarmTask rank : ranks)
        {
            assertEquals(resultOf(rank), rank.future.getNow(null));
        }
        assertEquals(List.of(TaskStatus.State.COMPLETED, TaskStatus.State.COMPLETED, TaskStatus.State.COMPLETED),
            farm.statuses.stream().map(TaskStatus::state).toList());
        assertTrue(farm.core.isQuiescent());
    }

    @Test
    void shouldStopTheCrewAtOneRanksFailureAndRerunEveryRankUnderRetry()
    {
        final FarmCoreFixture farm = FarmCoreFixture.crewOf(RANKS)
            .policy(ErrorPolicy.retry(1, ErrorPolicy.failFast())).build();
        final List<FarmTask> ranks = farm.submitCrewRun();
        farm.doWork();
        farm.transport.takeBatches();

        farm.complete(ranks.get(0));
        farm.fail(ranks.get(1));

        assertEquals(1, farm.transport.restarts());
        assertEquals(List.of(ErrorKind.CREW_FAILED), farm.journal.appendedKinds());
        final Appended record = farm.journal.appended().get(0);
        assertEquals(ranks.get(1).id, record.taskId());
        assertInstanceOf(CrewFailedException.class, record.cause());
        assertTrue(ranks.stream().noneMatch(rank -> rank.future.isDone()));

        farm.doWork();
        assertEquals(expectedBatches(ranks, 2), farm.transport.takeBatches(), "every rank again, rank 0 too");

        farm.complete(ranks.get(2), 1, "stale");
        farm.complete(ranks.get(0));
        farm.complete(ranks.get(2));
        assertTrue(ranks.stream().noneMatch(rank -> rank.future.isDone()));
        farm.complete(ranks.get(1));
        for (final FarmTask rank : ranks)
        {
            assertEquals(resultOf(rank), rank.future.getNow(null));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ErrorPolicy.Decision.class, names = { "FAIL_FAST", "COLLECT" })
    void shouldFailEveryRankWithTheOneCrewFailure(final ErrorPolicy.Decision decision)
    {
        final FarmCoreFixture farm = FarmCoreFixture.crewOf(RANKS).policy(failure -> decision).build();
        final List<FarmTask> ranks = farm.submitCrewRun();
        farm.doWork();

        farm.complete(ranks.get(0));
        farm.fail(ranks.get(2));

        final TaskFailure crewFailure = failureOf(ranks.get(0));
        assertEquals(FailureKind.CREW_FAILED, crewFailure.kind());
        assertEquals(ranks.get(2).id, crewFailure.taskId());
        ranks.forEach(rank -> assertSame(crewFailure, failureOf(rank)));
        assertEquals(List.of(crewFailure), farm.core.takeFailures());
        assertTrue(farm.core.hasFailedFast());
        assertTrue(farm.core.isQuiescent());
        assertEquals(1, farm.transport.restarts());
    }

    @Test
    void shouldCompleteEveryRankWithNullWhenThePolicyIgnoresTheCrewFailure()
    {
        final FarmCoreFixture farm = FarmCoreFixture.crewOf(RANKS).policy(ErrorPolicy.ignore()).build();
        final List<FarmTask> ranks = farm.submitCrewRun();
        farm.doWork();

        farm.complete(ranks.get(1));
        farm.fail(ranks.get(0));

        for (final FarmTask rank : ranks)
        {
            assertTrue(rank.future.isDone());
            assertNull(rank.future.getNow("not null"));
        }
        assertEquals(List.of(), farm.core.takeFailures());
    }

    @Test
    void shouldFailTheCrewWhenTheSpokeOfARankIsLost()
    {
        final FarmCoreFixture farm = FarmCoreFixture.crewOf(RANKS).build();
        final List<FarmTask> ranks = farm.submitCrewRun();
        farm.doWork();

        farm.core.onSpokeLost(1, 77, ranks.get(1).id, ErrorKind.SPOKE_CRASHED, "died");

        assertEquals(List.of(ErrorKind.SPOKE_CRASHED, ErrorKind.CREW_FAILED), farm.journal.appendedKinds());
        ranks.forEach(rank -> assertEquals(FailureKind.CREW_FAILED, failureOf(rank).kind()));
        assertEquals(1, farm.transport.restarts());
    }

    @Test
    void shouldEndTheCrewWithItsFallbackWhenTheRerunFailsToo()
    {
        final FarmCoreFixture farm = FarmCoreFixture.crewOf(RANKS)
            .policy(ErrorPolicy.retry(1, ErrorPolicy.failFast())).build();
        final List<FarmTask> ranks = farm.submitCrewRun();
        farm.doWork();
        farm.fail(ranks.get(0));
        farm.doWork();

        farm.fail(ranks.get(0));

        ranks.forEach(rank -> assertEquals(2, failureOf(rank).attempt()));
        assertEquals(List.of(ErrorKind.CREW_FAILED, ErrorKind.CREW_FAILED), farm.journal.appendedKinds());
        assertEquals(2, farm.transport.restarts());
    }

    private static List<Batch> expectedBatches(final List<FarmTask> ranks, final int attempt)
    {
        final List<Batch> batches = new ArrayList<>();
        for (int rank = 0; rank < ranks.size(); rank++)
        {
            batches.add(new Batch(rank, List.of(ranks.get(rank).id), List.of(attempt), FarmCoreFixture.RUN_ID,
                TaskFlyweight.MAY_MESSAGE_PEERS));
        }
        return batches;
    }
}

package org.spm4j.internal.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.spm4j.ErrorPolicy;
import org.spm4j.FailureKind;
import org.spm4j.PoolFailedException;
import org.spm4j.shm.journal.ErrorKind;

/**
 * Every task is owned by a live party or failed: tasks no spoke can ever run, tasks whose status was lost, a
 * spoke killed as frozen, and a pool that can run nothing more.
 */
class FarmCoreLivenessTest
{
    private static final String GIVEN_UP = "spoke died 3 times in a row before it was READY";

    @Test
    void shouldFailATaskWithNoSpokesOnceEverySpokeIsGivenUp()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(2).policy(ErrorPolicy.collect()).build();
        farm.transport.giveUp(0, "spoke 0: " + GIVEN_UP);
        farm.transport.giveUp(1, "spoke 1: " + GIVEN_UP);
        final FarmTask task = farm.submit();

        farm.doWork();

        assertEquals(FailureKind.NO_SPOKES, FarmCoreFixture.failureOf(task).kind());
        assertTrue(farm.journal.appended().get(0).cause().getMessage().contains(GIVEN_UP),
            farm.journal.appended().toString());
        assertTrue(farm.core.isQuiescent());
        assertEquals(List.of(), farm.transport.takeBatches());
    }

    @Test
    void shouldRetryATaskWithNoSpokesOnlyAsThePolicySays()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).policy(ErrorPolicy.retry(2, ErrorPolicy.collect()))
            .build();
        farm.transport.giveUp(0, GIVEN_UP);
        final FarmTask task = farm.submit();

        farm.doWork();

        assertEquals(3, FarmCoreFixture.failureOf(task).attempt());
        assertEquals(List.of(ErrorKind.NO_SPOKES, ErrorKind.NO_SPOKES, ErrorKind.NO_SPOKES),
            farm.journal.appendedKinds());
    }

    @Test
    void shouldLetATaskWaitWhileOneSpokeMayStillTakeIt()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(2).build();
        farm.transport.giveUp(0, GIVEN_UP);
        farm.transport.ready(1, false);
        final FarmTask task = farm.submit();

        farm.doWork();
        assertFalse(task.future.isDone());

        farm.transport.ready(1, true);
        farm.doWork();
        assertEquals(1, farm.transport.takeBatches().get(0).spokeId());
    }

    @Test
    void shouldFailACrewWhoseRankSpokeIsGivenUp()
    {
        final FarmCoreFixture farm = FarmCoreFixture.crewOf(2).policy(ErrorPolicy.collect()).build();
        farm.transport.giveUp(1, GIVEN_UP);
        final List<FarmTask> ranks = farm.submitCrewRun();

        farm.doWork();

        ranks.forEach(rank -> assertEquals(FailureKind.CREW_FAILED, FarmCoreFixture.failureOf(rank).kind()));
        assertEquals(List.of(ErrorKind.NO_SPOKES, ErrorKind.CREW_FAILED), farm.journal.appendedKinds());
    }

    @Test
    void shouldFailTasksWhoseStatusWasLostOnceTheirSpokeHasBeenIdlePastTheGrace()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).window(2).policy(ErrorPolicy.collect()).build();
        final List<FarmTask> tasks = farm.submit(2);
        farm.doWork();
        farm.complete(tasks.get(0));
        farm.transport.finished(tasks.get(1).id);

        farm.advanceMs(200);
        farm.doWork();
        farm.advanceMs(LostStatusWatch.GRACE_MS);
        farm.doWork();
        assertFalse(tasks.get(1).future.isDone(), "idle for just the grace");

        farm.advanceMs(200);
        farm.doWork();
        final var failure = FarmCoreFixture.failureOf(tasks.get(1));
        assertEquals(FailureKind.PROTOCOL_VIOLATION, failure.kind());
        assertTrue(farm.journal.appended().get(0).cause().getMessage().contains("never had the status of task " +
            tasks.get(1).id), farm.journal.appended().toString());
        assertTrue(farm.core.isQuiescent());
    }

    @Test
    void shouldTakeAStatusOfAnAttemptInFlightOnlyFromTheSpokeItWasSentTo()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(2).build();
        final FarmTask task = farm.submit();
        farm.doWork();
        final int other = 1 - task.spokeId;

        assertTrue(farm.core.isFromItsSpoke(task.id, task.attempt, task.spokeId));
        assertFalse(farm.core.isFromItsSpoke(task.id, task.attempt, other));
        assertFalse(farm.core.isFromItsSpoke(task.id, task.attempt, 7));
        assertTrue(farm.core.isFromItsSpoke(task.id, task.attempt + 1, other), "a stale attempt is ignored anyway");
        assertTrue(farm.core.isFromItsSpoke(task.id + 1, 1, other), "an unknown task is ignored anyway");
    }

    @Test
    void shouldLeaveABusySpokesTasksAloneHoweverLongTheyRun()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).build();
        final FarmTask task = farm.submit();
        farm.doWork();
        farm.startRunning(task);

        for (int i = 0; i < 100; i++)
        {
            farm.advanceMs(LostStatusWatch.GRACE_MS);
            farm.doWork();
        }

        assertFalse(task.future.isDone());
        assertEquals(List.of(), farm.journal.appended());
    }

    @Test
    void shouldFailTheTaskOfASpokeKilledAsFrozenWithItsOwnKind()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).policy(ErrorPolicy.collect()).build();
        final FarmTask task = farm.submit();
        farm.doWork();

        farm.core.onSpokeLost(0, 77, task.id, ErrorKind.SPOKE_UNRESPONSIVE, "missed its heartbeat for 6000 ms");

        assertEquals(FailureKind.SPOKE_UNRESPONSIVE, FarmCoreFixture.failureOf(task).kind());
    }

    @Test
    void shouldEndEveryTaskWhenThePoolCanRunNoMoreIncludingACrewsFinishedRanks()
    {
        final FarmCoreFixture farm = FarmCoreFixture.crewOf(3).build();
        final List<FarmTask> ranks = farm.submitCrewRun();
        farm.doWork();
        farm.complete(ranks.get(0));
        final PoolFailedException cause = new PoolFailedException("the hub stopped", new OutOfMemoryError());

        farm.core.abandonAll(cause);

        for (final FarmTask rank : ranks)
        {
            final CompletionException thrown = org.junit.jupiter.api.Assertions.assertThrows(
                CompletionException.class, rank.future::join, "rank " + rank.pinnedSpokeId);
            assertSame(cause, thrown.getCause());
        }
        assertTrue(farm.core.isQuiescent());
        assertTrue(farm.core.hasFailedFast());
    }
}

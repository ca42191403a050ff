package org.spm4j.internal.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.spm4j.internal.farm.FarmCoreFixture.failureOf;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.spm4j.ErrorPolicy;
import org.spm4j.FailureKind;
import org.spm4j.TaskStatus;
import org.spm4j.internal.farm.FakeJournal.Appended;
import org.spm4j.internal.farm.FakeTransport.Batch;
import org.spm4j.shm.SpokeSlotDescriptor;
import org.spm4j.shm.journal.ErrorKind;

/**
 * What becomes of a spoke's tasks when one overruns its deadline or the spoke dies: the one running fails,
 * the ones waiting behind it run again elsewhere or later.
 */
class FarmCoreDeadlineTest
{
    private static final long DEADLINE_MS = 100;
    private static final ErrorPolicy RETRY_ONCE = ErrorPolicy.retry(1, ErrorPolicy.collect());

    @ParameterizedTest(name = "running {0} ms: killed {1}")
    @CsvSource({ "0, false", "99, false", "100, false", "101, true", "5000, true" })
    void shouldCountADeadlineFromWhenTheTaskStartsRunningNotFromItsSend(final long runningMs, final boolean killed)
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).window(2).deadlineMs(DEADLINE_MS).build();
        final List<FarmTask> tasks = farm.submit(2);
        final FarmTask queued = tasks.get(1);
        farm.doWork();

        farm.advanceMs(50);
        farm.startRunning(tasks.get(0));
        farm.doWork();
        farm.advanceMs(90);
        farm.complete(tasks.get(0));
        farm.startRunning(queued);
        farm.doWork();
        farm.advanceMs(runningMs);
        farm.doWork();

        if (killed)
        {
            assertEquals(List.of(0), farm.transport.kills());
            assertEquals(FailureKind.DEADLINE_EXCEEDED, failureOf(queued).kind());
            final Appended record = farm.journal.appended().get(0);
            assertEquals(List.of(ErrorKind.DEADLINE_EXCEEDED), farm.journal.appendedKinds());
            assertEquals(queued.id, record.taskId());
            assertEquals(FakeTransport.FIRST_PID, record.pid());
            assertEquals(queued.argument, record.argument());
        }
        else
        {
            assertEquals(List.of(), farm.transport.kills());
            assertEquals(List.of(), farm.journal.appended());
            assertFalse(queued.future.isDone());
        }
    }

    @Test
    void shouldNotKillATaskThatWaitsInItsSpokesQueuePastTheDeadline()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).window(2).deadlineMs(DEADLINE_MS).build();
        final List<FarmTask> tasks = farm.submit(2);
        farm.doWork();

        for (int i = 0; i < 10; i++)
        {
            farm.advanceMs(DEADLINE_MS);
            farm.doWork();
        }

        assertEquals(List.of(), farm.transport.kills());
        assertFalse(tasks.get(0).future.isDone() || tasks.get(1).future.isDone());
    }

    @Test
    void shouldRequeueTheOtherTasksOfASpokeKilledForADeadlineRatherThanFailThem()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).window(3).deadlineMs(DEADLINE_MS).build();
        final List<FarmTask> tasks = farm.submit(3);
        farm.doWork();
        farm.transport.takeBatches();
        farm.startRunning(tasks.get(0));
        farm.doWork();

        farm.advanceMs(DEADLINE_MS + 1);
        farm.doWork();

        assertEquals(List.of(0), farm.transport.kills());
        assertEquals(FailureKind.DEADLINE_EXCEEDED, failureOf(tasks.get(0)).kind());
        assertEquals(List.of(ErrorKind.DEADLINE_EXCEEDED), farm.journal.appendedKinds());
        assertEquals(List.of(new TaskStatus(1, 1, 0, TaskStatus.State.FAILED)), farm.statuses);
        assertRequeuedAsTheyWere(farm, tasks.subList(1, 3));
    }

    @ParameterizedTest(name = "running task {0}")
    @ValueSource(ints = { 1, 2, 3 })
    void shouldFailTheTaskALostSpokeWasRunningAndRequeueTheOthers(final int running)
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).window(3).build();
        final List<FarmTask> tasks = farm.submit(3);
        farm.doWork();
        farm.transport.takeBatches();
        final FarmTask crashed = tasks.get(running - 1);

        farm.core.onSpokeLost(0, 77, crashed.id, ErrorKind.SPOKE_CRASHED, "died");

        assertEquals(FailureKind.SPOKE_CRASHED, failureOf(crashed).kind());
        assertEquals(77, failureOf(crashed).pid());
        final Appended record = farm.journal.appended().get(0);
        assertEquals(List.of(ErrorKind.SPOKE_CRASHED), farm.journal.appendedKinds());
        assertEquals(List.of(crashed.id, 0L, 77L), List.of(record.taskId(), (long)record.spokeId(), record.pid()));
        final List<FarmTask> innocent = new ArrayList<>(tasks);
        innocent.remove(crashed);
        assertRequeuedAsTheyWere(farm, innocent);
    }

    @Test
    void shouldRequeueEveryTaskOfASpokeLostWhileIdle()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).window(2).build();
        final List<FarmTask> tasks = farm.submit(2);
        farm.doWork();
        farm.transport.takeBatches();

        farm.core.onSpokeLost(0, 77, SpokeSlotDescriptor.NO_TASK, ErrorKind.SPOKE_CRASHED, "stopped answering");

        assertEquals(List.of(), farm.journal.appended());
        assertRequeuedAsTheyWere(farm, tasks);
    }

    @Test
    void shouldGiveARetryOnTheSameSpokeAFreshDeadline()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).deadlineMs(DEADLINE_MS).policy(RETRY_ONCE).build();
        final FarmTask task = farm.submit();
        farm.doWork();
        farm.startRunning(task);
        farm.doWork();

        farm.advanceMs(90);
        farm.fail(task);
        farm.transport.idle(0);
        farm.doWork();
        farm.startRunning(task);
        farm.advanceMs(1);
        farm.doWork();
        farm.advanceMs(DEADLINE_MS);
        farm.doWork();
        assertEquals(List.of(), farm.transport.kills(), "attempt 2 has run its 100 ms, not more");

        farm.advanceMs(1);
        farm.doWork();
        assertEquals(List.of(0), farm.transport.kills());
        assertEquals(2, failureOf(task).attempt());
    }

    @Test
    void shouldGiveARetryOnTheSameSpokeAFreshDeadlineWhenTheHubNeverSawTheSpokeIdle()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).deadlineMs(DEADLINE_MS).policy(RETRY_ONCE).build();
        final FarmTask task = farm.submit();
        farm.doWork();
        farm.startRunning(task);
        farm.doWork();

        farm.advanceMs(90);
        farm.fail(task);
        farm.doWork();
        farm.advanceMs(20);
        farm.doWork();

        assertEquals(List.of(), farm.transport.kills(), "attempt 2 has run 20 ms of its 100");
    }

    @Test
    void shouldRequeueASpokesInnocentTasksInTheirOrder()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).window(3).build();
        final List<FarmTask> tasks = farm.submit(3);
        farm.doWork();
        farm.transport.takeBatches();

        farm.core.onSpokeLost(0, 77, SpokeSlotDescriptor.NO_TASK, ErrorKind.SPOKE_CRASHED, "stopped answering");
        farm.doWork();

        assertEquals(List.of(1L, 2L, 3L), farm.transport.takeBatches().get(0).taskIds());
    }

    /**
     * The tasks are neither failed nor retried, and the next doWork sends them again at the same attempt.
     */
    private static void assertRequeuedAsTheyWere(final FarmCoreFixture farm, final List<FarmTask> tasks)
    {
        tasks.forEach(task -> assertFalse(task.future.isDone(), "task " + task.id + " ended"));
        farm.doWork();
        final List<Long> resent = new ArrayList<>();
        for (final Batch batch : farm.transport.takeBatches())
        {
            resent.addAll(batch.taskIds());
            batch.attempts().forEach(attempt -> assertEquals(1, attempt));
        }
        resent.sort(null);
        assertEquals(FarmCoreFixture.ids(tasks), resent);
    }
}

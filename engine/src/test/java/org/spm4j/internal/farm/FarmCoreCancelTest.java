package org.spm4j.internal.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.spm4j.TaskStatus;
import org.spm4j.internal.farm.FakeTransport.Batch;
import org.spm4j.internal.farm.FakeTransport.Cancel;

/**
 * cancelAll: tasks still on the hub end at once; tasks already sent are asked back and end by their
 * spoke's answer.
 */
class FarmCoreCancelTest
{
    @Test
    void shouldCancelQueuedTasksAtOnceAndAskSpokesForTheOnesSent()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(2).window(2).build();
        final List<FarmTask> tasks = farm.submit(6);
        farm.doWork();
        assertEquals(4, farm.transport.takeBatches().stream().mapToInt(batch -> batch.taskIds().size()).sum());

        farm.core.cancelAll();

        tasks.subList(4, 6).forEach(task -> assertTrue(task.future.isCancelled(), "task " + task.id));
        tasks.subList(0, 4).forEach(task -> assertFalse(task.future.isDone(), "task " + task.id));
        assertEquals(Set.of(new Cancel(0, 1), new Cancel(0, 2), new Cancel(1, 3), new Cancel(1, 4)),
            Set.copyOf(farm.transport.cancels()));
        assertEquals(4, farm.transport.cancels().size());
        assertEquals(List.of(cancelled(tasks.get(4)), cancelled(tasks.get(5))), farm.statuses);
        assertFalse(farm.core.isQuiescent());
    }

    @Test
    void shouldLandSentTasksByTheirSpokesAnswerToTheCancel()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).window(3).build();
        final List<FarmTask> tasks = farm.submit(3);
        farm.doWork();
        farm.core.cancelAll();

        farm.complete(tasks.get(0));
        farm.cancelled(tasks.get(1));
        farm.cancelled(tasks.get(2));

        assertEquals(FarmCoreFixture.resultOf(tasks.get(0)), tasks.get(0).future.getNow(null), "it was running");
        assertTrue(tasks.get(1).future.isCancelled() && tasks.get(2).future.isCancelled());
        assertEquals(List.of(TaskStatus.State.COMPLETED, TaskStatus.State.CANCELLED, TaskStatus.State.CANCELLED),
            farm.statuses.stream().map(TaskStatus::state).toList());
        assertTrue(farm.core.isQuiescent());
    }

    @Test
    void shouldSendNothingCancelledAndTakeNewTasksAfterCancelAll()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).build();
        final List<FarmTask> tasks = farm.submit(3);
        farm.core.cancelAll();

        farm.doWork();
        assertEquals(List.of(), farm.transport.takeBatches());
        assertTrue(tasks.stream().allMatch(task -> task.future.isCancelled()));
        assertTrue(farm.core.isQuiescent());
        assertFalse(farm.core.hasFailedFast(), "cancelling is not failing");

        final FarmTask later = farm.submit();
        farm.doWork();
        assertEquals(List.of(new Batch(0, List.of(later.id), List.of(1), FarmCoreFixture.RUN_ID, 0)),
            farm.transport.takeBatches());
    }

    private static TaskStatus cancelled(final FarmTask task)
    {
        return new TaskStatus(task.id, 1, FarmTask.NO_SPOKE, TaskStatus.State.CANCELLED);
    }
}

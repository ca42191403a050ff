package org.spm4j.internal.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.spm4j.ErrorPolicy;
import org.spm4j.internal.farm.FakeTransport.Batch;
import org.spm4j.shm.mailbox.BatchFlyweight;

/**
 * How the core hands tasks to spokes: within the window, by fair share, in order, away from a spoke a task
 * failed on.
 */
class FarmCoreDispatchTest
{
    private static final ErrorPolicy RETRY_ONCE = ErrorPolicy.retry(1, ErrorPolicy.collect());

    @ParameterizedTest(name = "{0} spokes, window {1}, {2} tasks")
    @CsvSource({ "1, 1, 5", "1, 4, 9", "2, 3, 10", "3, 2, 20", "4, 8, 40" })
    void shouldNeverHaveMoreThanTheWindowInFlightOnASpoke(final int spokes, final int window, final int count)
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(spokes).window(window).build();
        final List<FarmTask> tasks = farm.submit(count);
        final ArrayDeque<FarmTask> outstanding = new ArrayDeque<>();
        final List<Long> sentInOrder = new ArrayList<>();

        farm.doWork();
        while (true)
        {
            for (final Batch batch : farm.transport.takeBatches())
            {
                batch.taskIds().forEach(id -> outstanding.add(tasks.get((int)(id - 1))));
                sentInOrder.addAll(batch.taskIds());
            }
            if (outstanding.isEmpty())
            {
                break;
            }
            farm.complete(outstanding.poll());
            farm.doWork();
        }

        for (int spokeId = 0; spokeId < spokes; spokeId++)
        {
            assertEquals(window, farm.transport.mostOutstanding(spokeId), "most in flight on spoke " + spokeId);
        }
        assertEquals(LongStream.rangeClosed(1, count).boxed().toList(), sentInOrder);
        assertTrue(tasks.stream().allMatch(task -> task.future.isDone() && !task.future.isCompletedExceptionally()));
        assertTrue(farm.core.isQuiescent());
    }

    @ParameterizedTest(name = "{1} tasks on {0} spokes")
    @CsvSource({ "2, 2", "2, 10", "3, 9", "4, 10", "4, 3", "8, 100" })
    void shouldSplitABurstOverSpokesByFairShareRatherThanFillTheFirst(final int spokes, final int count)
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(spokes).window(1000).build();
        farm.submit(count);

        farm.doWork();

        final List<Batch> batches = farm.transport.takeBatches();
        final List<Long> sentInOrder = new ArrayList<>();
        int pending = count;
        for (int i = 0; i < batches.size(); i++)
        {
            final Batch batch = batches.get(i);
            assertEquals(i % spokes, batch.spokeId(), "spokes take turns");
            final int fairShare = (pending + spokes - 1) / spokes;
            assertTrue(batch.taskIds().size() <= fairShare,
                "batch " + i + " of " + batch.taskIds().size() + " over the fair share " + fairShare + " of " +
                pending);
            pending -= batch.taskIds().size();
            sentInOrder.addAll(batch.taskIds());
        }
        for (int spokeId = 0; spokeId < Math.min(spokes, count); spokeId++)
        {
            assertTrue(farm.transport.outstanding(spokeId) > 0, "spoke " + spokeId + " got nothing");
        }
        assertEquals(LongStream.rangeClosed(1, count).boxed().toList(), sentInOrder);
    }

    @Test
    void shouldPutARefusedBatchBackInOrderWithoutUsingTheWindow()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).window(3).build();
        final List<FarmTask> tasks = farm.submit(5);
        farm.transport.refuse(0, true);

        assertEquals(0, farm.doWork());
        assertEquals(1, farm.transport.refusals());
        assertEquals(List.of(), farm.transport.takeBatches());
        assertTrue(tasks.stream().noneMatch(task -> task.future.isDone()));

        farm.transport.refuse(0, false);
        assertEquals(3, farm.doWork());
        assertEquals(List.of(1L, 2L, 3L), farm.transport.takeBatches().get(0).taskIds());

        tasks.subList(0, 3).forEach(farm::complete);
        farm.doWork();
        assertEquals(List.of(4L, 5L), farm.transport.takeBatches().get(0).taskIds());
    }

    @Test
    void shouldSendARefusedBatchToAnotherSpokeFirstInOrder()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(2).window(2).build();
        farm.submit(4);
        farm.transport.refuse(0, true);

        farm.doWork();
        farm.doWork();
        farm.transport.refuse(0, false);
        farm.doWork();

        final List<Batch> batches = farm.transport.takeBatches();
        assertEquals(1, batches.get(0).spokeId());
        assertEquals(List.of(1L, 2L), batches.get(0).taskIds());
        final List<Long> toSpokeZero = new ArrayList<>();
        for (final Batch batch : batches.subList(1, batches.size()))
        {
            assertEquals(0, batch.spokeId());
            toSpokeZero.addAll(batch.taskIds());
        }
        assertEquals(List.of(3L, 4L), toSpokeZero);
    }

    @Test
    void shouldEndABatchWhereTheMessageWouldOutgrowTheInbox()
    {
        final byte[] argument = new byte[100];
        final int elementSpace = BatchFlyweight.elementSpace(new FarmTask(0, 0, argument).messageLength());
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).window(10)
            .maxMessageLength(BatchFlyweight.HEADER_LENGTH + 2 * elementSpace).build();
        for (int i = 0; i < 5; i++)
        {
            farm.submit(argument);
        }

        farm.doWork();

        assertEquals(List.of(List.of(1L, 2L), List.of(3L, 4L), List.of(5L)),
            farm.transport.takeBatches().stream().map(Batch::taskIds).toList());
    }

    @ParameterizedTest(name = "{0} spokes")
    @ValueSource(ints = { 2, 3, 4 })
    void shouldRetryATaskOnAnotherSpokeThanTheOneItFailedOn(final int spokes)
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(spokes).window(2).policy(RETRY_ONCE).build();
        final List<FarmTask> tasks = farm.submit(spokes);
        farm.doWork();
        assertEquals(List.of(1L), farm.transport.takeBatches().get(0).taskIds(), "task 1 went to spoke 0");

        farm.fail(tasks.get(0));
        farm.doWork();

        final List<Batch> retried = farm.transport.takeBatches();
        assertEquals(1, retried.size());
        assertEquals(new Batch(1, List.of(1L), List.of(2), FarmCoreFixture.RUN_ID, 0), retried.get(0));
    }

    @ParameterizedTest(name = "{0} spokes, spoke 1 ready: {1}")
    @CsvSource({ "1, false", "2, false" })
    void shouldRetryOnTheSameSpokeOnlyWhenNoOtherIsReady(final int spokes, final boolean otherReady)
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(spokes).window(1).policy(RETRY_ONCE).build();
        if (spokes > 1)
        {
            farm.transport.ready(1, otherReady);
        }
        final FarmTask task = farm.submit();
        farm.doWork();
        farm.transport.takeBatches();

        farm.fail(task);
        farm.doWork();

        assertEquals(List.of(new Batch(0, List.of(1L), List.of(2), FarmCoreFixture.RUN_ID, 0)),
            farm.transport.takeBatches());
    }

    @Test
    void shouldHoldARetryForAnotherReadySpokeThatIsBusyRatherThanResendItToTheSpokeItFailedOn()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(2).window(1).policy(RETRY_ONCE).build();
        final List<FarmTask> tasks = farm.submit(2);
        farm.doWork();
        farm.transport.takeBatches();

        farm.fail(tasks.get(0));
        assertEquals(0, farm.doWork());
        assertEquals(List.of(), farm.transport.takeBatches());

        farm.complete(tasks.get(1));
        farm.doWork();
        assertEquals(List.of(new Batch(1, List.of(1L), List.of(2), FarmCoreFixture.RUN_ID, 0)),
            farm.transport.takeBatches());
        assertFalse(tasks.get(0).future.isDone());
    }
}

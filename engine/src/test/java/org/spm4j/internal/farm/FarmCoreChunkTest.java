package org.spm4j.internal.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.spm4j.ErrorPolicy;
import org.spm4j.TaskFailure;
import org.spm4j.TaskStatus;
import org.spm4j.internal.farm.FakeTransport.Cancel;
import org.spm4j.internal.farm.FarmCoreFixture.MapOfOneChunk;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.mailbox.ElementPayloads;

/**
 * A map's elements sent in chunks: results straight into their places as status parts come, each failing
 * element through the policy as a task of its own, and the elements of a lost spoke's chunk split into the one
 * that ran, which fails, and the rest, which run again.
 */
class FarmCoreChunkTest
{
    @Test
    void shouldPutEveryResultInItsPlaceAsPartsComeAndEndTheChunkWithItsLast()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).build();
        final MapOfOneChunk map = farm.submitChunk(3);
        farm.doWork();
        assertEquals(List.of(map.chunk().id), farm.transport.takeBatches().get(0).taskIds());

        farm.reportPart(map.chunk(), 0, farm.part().completed("a").completed("b"));
        assertFalse(map.results().done().isDone());
        farm.reportPart(map.chunk(), 2, farm.part().completed("c").end(3_000));

        assertTrue(map.results().done().isDone());
        assertEquals(List.of("a", "b", "c"), map.results().toList());
        assertFalse(map.results().anyFailed() || map.results().anyCancelled());
        assertTrue(farm.core.isQuiescent());
        assertEquals(List.of(map.elementId(0), map.elementId(1), map.elementId(2)),
            farm.statuses.stream().map(TaskStatus::taskId).toList(), "every element is told as a task");
        assertTrue(farm.statuses.stream().allMatch(status -> TaskStatus.State.COMPLETED == status.state()));
    }

    @Test
    void shouldSizeLaterChunksByTheTimeTheSpokeReports()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).build();
        assertEquals(1, farm.core.chunkSizer().nextSize(100_000, 1), "untimed: one element");
        final MapOfOneChunk map = farm.submitChunk(2);
        farm.doWork();

        farm.reportPart(map.chunk(), 0, farm.part().completed(1).completed(2).end(2_000));

        assertEquals(ChunkSizer.TARGET_CHUNK_NANOS / 1_000, farm.core.chunkSizer().nextSize(100_000, 1));
    }

    @Test
    void shouldPutAFailingElementThroughThePolicyAsATaskOfItsOwn()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(2).policy(ErrorPolicy.retry(1, ErrorPolicy.collect()))
            .build();
        final MapOfOneChunk map = farm.submitChunk(3);
        farm.doWork();
        farm.transport.takeBatches();
        final int chunkSpoke = map.chunk().spokeId;

        farm.reportPart(map.chunk(), 0, farm.part().completed(0).failed().completed(4).end(1_000));
        assertFalse(map.results().done().isDone(), "the failed element is retried");
        farm.doWork();

        final FakeTransport.Batch retry = farm.transport.takeBatches().get(0);
        assertEquals(List.of(map.elementId(1)), retry.taskIds());
        assertEquals(List.of(2), retry.attempts());
        assertTrue(retry.spokeId() != chunkSpoke, "a retry avoids the spoke it failed on");
        farm.complete(map.elementId(1), 2, 1);

        assertTrue(map.results().done().isDone());
        assertEquals(List.of(0, 1, 4), map.results().toList());
        assertFalse(map.results().anyFailed());
    }

    @Test
    void shouldKeepTheFailureOfAnElementThePolicyCollects()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).build();
        final MapOfOneChunk map = farm.submitChunk(2);
        farm.doWork();

        farm.reportPart(map.chunk(), 0, farm.part().failed().completed(1).end(1_000));

        assertTrue(map.results().done().isDone());
        assertTrue(map.results().anyFailed());
        final List<TaskFailure> failures = farm.core.takeFailures();
        assertEquals(List.of(map.elementId(0)), failures.stream().map(TaskFailure::taskId).toList());
        assertEquals(1, map.results().toList().get(1));
    }

    @Test
    void shouldFailTheRunningElementAndRunTheOthersAgainWhenItsSpokeIsLost()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).window(2).build();
        final MapOfOneChunk map = farm.submitChunk(5);
        farm.doWork();
        farm.transport.takeBatches();
        farm.reportPart(map.chunk(), 0, farm.part().completed(0));
        farm.transport.running(0, map.elementId(2));

        farm.core.onSpokeLost(0, 99, map.elementId(2), ErrorKind.SPOKE_CRASHED, "died (exited with status 3)");

        final List<TaskFailure> failures = farm.core.takeFailures();
        assertEquals(List.of(map.elementId(2)), failures.stream().map(TaskFailure::taskId).toList());
        assertTrue(failures.get(0).remoteMessage().contains("while running task " + map.elementId(2)),
            failures.get(0).remoteMessage());
        farm.transport.idle(0);
        farm.doWork();
        final List<Long> rerun = farm.transport.takeBatches().get(0).taskIds();
        assertEquals(List.of(ElementPayloads.chunkId(map.elementId(1)), ElementPayloads.chunkId(map.elementId(3))),
            rerun, "the elements before and after the one that ran, each range a chunk");
        farm.reportPart(rerun.get(0), 1, 0, farm.part().completed(1).end(1_000));
        farm.reportPart(rerun.get(1), 1, 0, farm.part().completed(3).completed(4).end(1_000));

        assertTrue(map.results().done().isDone());
        assertTrue(map.results().anyFailed());
        assertEquals(List.of(0, 1, 3, 4), map.results().toList().stream().filter(value -> null != value).toList());
        assertTrue(farm.core.isQuiescent());
    }

    @Test
    void shouldRunTheWholeChunkAgainWhenItsSpokeIsLostBeforeItStarted()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).build();
        final MapOfOneChunk map = farm.submitChunk(2);
        farm.doWork();
        farm.transport.takeBatches();

        farm.core.onSpokeLost(0, 99, -1, ErrorKind.SPOKE_CRASHED, "was killed by signal 9 (SIGKILL)");
        farm.doWork();

        assertEquals(List.of(map.chunk().id), farm.transport.takeBatches().get(0).taskIds());
        assertTrue(farm.core.takeFailures().isEmpty());
    }

    @Test
    void shouldCancelTheElementsOfAChunkItsSpokeDropped()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).build();
        final MapOfOneChunk map = farm.submitChunk(3);
        farm.doWork();

        farm.core.cancelAll();
        assertEquals(List.of(new Cancel(0, map.chunk().id)), farm.transport.cancels());
        farm.reportPart(map.chunk(), 0, farm.part().completed(0).cancelled().cancelled().end(1_000));

        assertTrue(map.results().done().isDone());
        assertTrue(map.results().anyCancelled());
        assertEquals(List.of(TaskStatus.State.COMPLETED, TaskStatus.State.CANCELLED, TaskStatus.State.CANCELLED),
            farm.statuses.stream().map(TaskStatus::state).toList());
    }

    @Test
    void shouldFailEveryElementOnItsOwnWhenNoSpokeCanRunTheChunk()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).build();
        farm.transport.giveUp(0, "its JVM exits at once: Error: Could not find or load main class");
        final MapOfOneChunk map = farm.submitChunk(2);

        farm.doWork();

        assertTrue(map.results().done().isDone() && map.results().anyFailed());
        assertEquals(List.of(map.elementId(0), map.elementId(1)),
            farm.journal.appended().stream().map(FakeJournal.Appended::taskId).toList());
        assertTrue(farm.journal.appended().stream().allMatch(record -> ErrorKind.NO_SPOKES == record.kind()));
    }

    @Test
    void shouldRefuseAPartThatSkipsElementsAndAStatusOfOneTaskNamingAChunk()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).build();
        final MapOfOneChunk map = farm.submitChunk(3);
        farm.doWork();

        assertThrows(ProtocolException.class, () -> farm.reportPart(map.chunk(), 1, farm.part().completed(1)));
        assertThrows(ProtocolException.class, () -> farm.complete(map.chunk(), 1, 0));
        assertThrows(ProtocolException.class,
            () -> farm.reportPart(map.chunk(), 0, farm.part().completed(0).end(1_000)), "ends two elements early");
        assertFalse(map.results().done().isDone(), "a chunk that ends early stays in flight");
    }
}

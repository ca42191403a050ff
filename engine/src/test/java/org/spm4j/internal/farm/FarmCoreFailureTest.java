package org.spm4j.internal.farm;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spm4j.internal.farm.FarmCoreFixture.failureOf;

import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.spm4j.ErrorPolicy;
import org.spm4j.FailureKind;
import org.spm4j.TaskFailure;
import org.spm4j.TaskStatus;
import org.spm4j.internal.farm.FakeJournal.Appended;
import org.spm4j.internal.farm.FakeTransport.Cancel;
import org.spm4j.shm.journal.ErrorKind;

/**
 * Failures through the error policy: fail-fast, a hub callback that throws, statuses of attempts that are
 * over, results and records the hub cannot read.
 */
class FarmCoreFailureTest
{
    private static final ErrorPolicy RETRY_ONCE = ErrorPolicy.retry(1, ErrorPolicy.collect());
    private static final BiConsumer<FarmCoreFixture, FarmTask> COMPLETE = FarmCoreFixture::complete;
    private static final BiConsumer<FarmCoreFixture, FarmTask> FAIL = FarmCoreFixture::fail;

    @Test
    void shouldCancelEveryOtherTaskWhenATaskFailsFast()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(2).policy(ErrorPolicy.failFast()).build();
        final List<FarmTask> tasks = farm.submit(4);
        farm.doWork();

        farm.fail(tasks.get(0));

        assertEquals(FailureKind.TASK_FAILED, failureOf(tasks.get(0)).kind());
        assertTrue(tasks.get(2).future.isCancelled() && tasks.get(3).future.isCancelled());
        assertEquals(List.of(new Cancel(1, tasks.get(1).id)), farm.transport.cancels());
        assertFalse(tasks.get(1).future.isDone(), "sent: it ends by its own status");
        assertTrue(farm.core.hasFailedFast());

        farm.fail(tasks.get(1));
        assertEquals(List.of(tasks.get(0).id, tasks.get(1).id),
            farm.core.takeFailures().stream().map(TaskFailure::taskId).toList(), "a later failure is kept too");
        assertTrue(farm.core.isQuiescent());
        assertTrue(farm.submit().future.isCancelled(), "no task is taken after failing fast");
    }

    static Stream<Arguments> throwingCallbacks()
    {
        final Consumer<TaskStatus> quiet = status ->
        {
        };
        final ErrorPolicy throwing = failure ->
        {
            throw new IllegalStateException("policy bug");
        };
        return Stream.of(
            Arguments.of("status callback on COMPLETED", ErrorPolicy.collect(), throwOn(TaskStatus.State.COMPLETED),
                COMPLETE),
            Arguments.of("status callback on FAILED", ErrorPolicy.collect(), throwOn(TaskStatus.State.FAILED), FAIL),
            Arguments.of("status callback on RETRYING", RETRY_ONCE, throwOn(TaskStatus.State.RETRYING), FAIL),
            Arguments.of("error policy", throwing, quiet, FAIL),
            Arguments.of("error policy without a decision", (ErrorPolicy)failure -> null, quiet, FAIL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("throwingCallbacks")
    void shouldEndTheRunWhenAHubCallbackThrows(
        final String callback,
        final ErrorPolicy policy,
        final Consumer<TaskStatus> onStatus,
        final BiConsumer<FarmCoreFixture, FarmTask> trigger)
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(2).policy(policy).onStatus(onStatus).build();
        final List<FarmTask> tasks = farm.submit(4);
        farm.doWork();
        farm.transport.takeBatches();

        trigger.accept(farm, tasks.get(0));

        final List<FailureKind> kept = farm.core.takeFailures().stream().map(TaskFailure::kind).toList();
        assertEquals(1, Collections.frequency(kept, FailureKind.HUB_CALLBACK_FAILED), "kept " + kept);
        final List<Appended> records = farm.journal.appended();
        assertEquals(1, records.size(), "records " + records);
        final Appended record = records.get(0);
        assertEquals(List.of(ErrorKind.HUB_CALLBACK_FAILED, tasks.get(0).id, -1, ProcessHandle.current().pid()),
            List.of(record.kind(), record.taskId(), record.spokeId(), record.pid()));
        assertEquals(1, farm.transport.restarts());
        assertTrue(tasks.get(0).future.isDone());
        tasks.subList(1, 4).forEach(task -> assertTrue(task.future.isCancelled(), "task " + task.id));
        assertTrue(farm.core.hasFailedFast());
        assertTrue(farm.core.isQuiescent());

        farm.complete(tasks.get(1));
        assertTrue(farm.submit().future.isCancelled());
        farm.doWork();
        assertEquals(List.of(), farm.transport.takeBatches());
    }

    @Test
    void shouldEndTheRunWhenTheStatusCallbackThrowsWhileTasksAreCancelled()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).policy(ErrorPolicy.failFast())
            .onStatus(throwOn(TaskStatus.State.CANCELLED)).build();
        final List<FarmTask> tasks = farm.submit(3);
        farm.doWork();

        assertDoesNotThrow(() -> farm.fail(tasks.get(0)));

        assertEquals(FailureKind.HUB_CALLBACK_FAILED, farm.core.takeFailures().get(1).kind());
        tasks.forEach(task -> assertTrue(task.future.isDone()));
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.State.class, names = { "COMPLETED", "FAILED", "CANCELLED" })
    void shouldIgnoreAStatusOfAnAttemptThatWasRetried(final TaskStatus.State stale)
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(2).policy(RETRY_ONCE).build();
        final FarmTask task = farm.submit();
        farm.doWork();
        farm.fail(task);
        farm.doWork();
        final List<TaskStatus> statusesBefore = List.copyOf(farm.statuses);
        final List<Long> recordsReadBefore = List.copyOf(farm.journal.read());

        switch (stale)
        {
            case COMPLETED -> farm.complete(task, 1, "stale");
            case FAILED -> farm.fail(task, 1);
            default -> farm.core.onCancelled(task.id, 1);
        }

        assertFalse(task.future.isDone());
        assertFalse(farm.core.isQuiescent());
        assertEquals(statusesBefore, farm.statuses);
        assertEquals(recordsReadBefore, farm.journal.read());
        farm.complete(task);
        assertEquals(FarmCoreFixture.resultOf(task), task.future.getNow(null));
    }

    @Test
    void shouldIgnoreAStatusOfATaskItDoesNotKnow()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).build();
        final FarmTask task = farm.submit();
        farm.doWork();

        farm.core.onFailed(task.id + 1, 1, 5);
        farm.core.onCancelled(task.id + 1, 1);

        assertEquals(List.of(), farm.journal.read());
        assertFalse(task.future.isDone());
    }

    static Stream<Arguments> undecodableResults()
    {
        return Stream.of(
            Arguments.of("no bytes", new byte[0]),
            Arguments.of("unknown tag", new byte[] { 0x7F }),
            Arguments.of("int of 2 bytes", new byte[] { 1, 0, 0 }),
            Arguments.of("serialized garbage", new byte[] { 11, 'n', 'o', 'p', 'e' }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("undecodableResults")
    void shouldFailAResultThatDoesNotDecodeAsAProtocolViolation(final String what, final byte[] result)
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).build();
        final FarmTask task = farm.submit();
        farm.doWork();

        farm.reportCompleted(task, 1, new UnsafeBuffer(result), result.length);

        assertEquals(FailureKind.PROTOCOL_VIOLATION, failureOf(task).kind());
        assertEquals(List.of(ErrorKind.PROTOCOL_VIOLATION), farm.journal.appendedKinds());
        assertEquals(0, farm.journal.appended().get(0).spokeId());
        assertTrue(farm.core.isQuiescent());
    }

    @Test
    void shouldFailATaskWhoseJournalRecordCannotBeReadAsAProtocolViolation()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).build();
        final FarmTask task = farm.submit();
        farm.doWork();
        farm.journal.makeUnreadable();

        farm.fail(task);

        assertEquals(FailureKind.PROTOCOL_VIOLATION, failureOf(task).kind());
        assertEquals(List.of(ErrorKind.PROTOCOL_VIOLATION), farm.journal.appendedKinds());
    }

    @Test
    void shouldCompleteAnIgnoredFailureWithNullAndKeepNothing()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).policy(ErrorPolicy.ignore()).build();
        final FarmTask task = farm.submit();
        farm.doWork();

        farm.fail(task);

        assertTrue(task.future.isDone() && null == task.future.getNow("not null"));
        assertEquals(List.of(), farm.core.takeFailures());
        assertEquals(List.of(new TaskStatus(task.id, 1, 0, TaskStatus.State.FAILED)), farm.statuses);
    }

    private static Consumer<TaskStatus> throwOn(final TaskStatus.State state)
    {
        return status ->
        {
            if (state == status.state())
            {
                throw new IllegalStateException("status callback bug at " + status);
            }
        };
    }
}

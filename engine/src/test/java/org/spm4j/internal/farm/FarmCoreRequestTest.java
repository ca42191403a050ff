package org.spm4j.internal.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spm4j.ErrorPolicy;
import org.spm4j.FailureKind;
import org.spm4j.Request;
import org.spm4j.TaskFailure;
import org.spm4j.internal.farm.FakeTransport.Reply;
import org.spm4j.shm.mailbox.RequestFlyweight;
import org.spm4j.shm.mailbox.TaskFlyweight;

/**
 * A coordinator's requests: answered on the hub thread when they come from a task's live attempt, dropped
 * otherwise.
 */
class FarmCoreRequestTest
{
    private final List<Request> seen = new ArrayList<>();

    @Test
    void shouldAnswerARequestToTheSpokeOfTheAskingAttempt()
    {
        final FarmCoreFixture farm = coordinator(request -> (Integer)request.message() * 2);
        final FarmTask task = farm.submit();
        farm.doWork();
        assertEquals(TaskFlyweight.MAY_REQUEST, farm.transport.takeBatches().get(0).flags());

        farm.request(task, 42, 21);

        assertEquals(List.of(new Request(task.id, 1, 0, 21, true)), seen);
        final Reply reply = farm.transport.replies().get(0);
        assertEquals(List.of(0L, 42L, task.id, 1L), List.of((long)reply.spokeId(), reply.correlationId(),
            reply.taskId(), (long)reply.attempt()));
        assertEquals(42, farm.decode(reply.bytes()));
    }

    @Test
    void shouldNotAnswerAMessageThatExpectsNoReply()
    {
        final FarmCoreFixture farm = coordinator(request -> "unheard");
        final FarmTask task = farm.submit();
        farm.doWork();

        farm.request(task, RequestFlyweight.NO_REPLY, "note");

        assertEquals(List.of(new Request(task.id, 1, 0, "note", false)), seen);
        assertEquals(List.of(), farm.transport.replies());
    }

    @ParameterizedTest
    @ValueSource(strings = { "retried attempt", "other spoke", "ended task" })
    void shouldDropARequestThatNoLiveAttemptSent(final String from)
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(2).policy(ErrorPolicy.retry(1, ErrorPolicy.collect()))
            .requestHandler(this::answer).build();
        final FarmTask task = farm.submit();
        farm.doWork();

        switch (from)
        {
            case "retried attempt" ->
            {
                farm.fail(task);
                farm.doWork();
                farm.request(task, 1, task.spokeId, 42, "stale");
            }
            case "other spoke" -> farm.request(task, 1, 1, 42, "forged");
            default ->
            {
                farm.complete(task);
                farm.request(task, 1, 0, 42, "late");
            }
        }

        assertEquals(List.of(), seen);
        assertEquals(List.of(), farm.transport.replies());
    }

    @Test
    void shouldEndTheRunWhenTheRequestHandlerThrows()
    {
        final FarmCoreFixture farm = coordinator(request ->
        {
            throw new IllegalStateException("handler bug");
        });
        final List<FarmTask> tasks = farm.submit(3);
        farm.doWork();

        farm.request(tasks.get(0), 42, "ask");

        final List<TaskFailure> failures = farm.core.takeFailures();
        assertEquals(List.of(FailureKind.HUB_CALLBACK_FAILED), failures.stream().map(TaskFailure::kind).toList());
        assertEquals("handler bug", failures.get(0).remoteMessage());
        assertEquals(1, farm.transport.restarts());
        assertTrue(tasks.stream().allMatch(task -> task.future.isCancelled()));
        assertTrue(farm.core.hasFailedFast());
        assertEquals(List.of(), farm.transport.replies());
    }

    private FarmCoreFixture coordinator(final Function<Request, Object> answer)
    {
        return FarmCoreFixture.spokes(1).requestHandler(request ->
        {
            seen.add(request);
            return answer.apply(request);
        }).build();
    }

    private Object answer(final Request request)
    {
        seen.add(request);
        return "answer";
    }
}

package org.spm4j.internal.spoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.Closure;
import org.spm4j.Codec;
import org.spm4j.Coordinator;
import org.spm4j.TaskClosure;
import org.spm4j.internal.closure.ClosureCache;
import org.spm4j.internal.closure.ClosureRegistry;
import org.spm4j.internal.codec.AllowListFilter;
import org.spm4j.internal.codec.Codecs;
import org.spm4j.internal.codec.JavaSerialization;
import org.spm4j.internal.codec.LargeValues;
import org.spm4j.internal.task.TaskEvaluator;
import org.spm4j.shm.HubIdentity;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.PoolLayout;
import org.spm4j.shm.SpokeSlot;
import org.spm4j.shm.ValueDescriptor;
import org.spm4j.shm.ValueSegments;
import org.spm4j.shm.closure.ClosureTableReader;
import org.spm4j.shm.closure.ClosureTableWriter;
import org.spm4j.shm.journal.ErrorRecord;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageSender;
import org.spm4j.shm.mailbox.MessageTypes;
import org.spm4j.shm.mailbox.StatusFlyweight;
import org.spm4j.shm.mailbox.TaskFlyweight;

/**
 * A spoke's duty cycle stepped by hand over a real pool file, with clocks the test moves: a failure whose
 * record cannot be written, asks that the hub never answers, and results too large for a status. The agent's
 * clock advances a millisecond each time it is read, and ends with an assertion a wait that outlasts a minute of
 * it; the timeout is a last resort.
 */
@Timeout(30)
class SpokeAgentTest
{
    private static final long HEARTBEAT_MS = 1_000_000;
    private static final long NANOS_PER_LOOK = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long UNBOUNDED_NS = TimeUnit.MINUTES.toNanos(1);

    @TempDir
    private Path directory;
    private PoolFile poolFile;
    private ClosureRegistry closures;
    private Codec codec;
    private final List<ErrorRecord> records = new ArrayList<>();
    private ValueSegments.FreeSpace freeSpace = ValueSegments.FILE_STORE;
    private byte[] lastResult;
    private TaskEvaluator evaluator;
    private final List<String> statuses = new ArrayList<>();
    private RuntimeException journalFailure;
    private long nowNs;
    private long epochMs = HEARTBEAT_MS;
    private long taskIds;

    @BeforeEach
    void createPool()
    {
        poolFile = PoolFile.create(directory.resolve("pool.shm"), PoolLayout.of(2, 64 * 1024, 64 * 1024, 16),
            HubIdentity.current(), HEARTBEAT_MS);
        final JavaSerialization serialization = new JavaSerialization(new AllowListFilter(List.of()));
        closures = new ClosureRegistry(new ClosureTableWriter(poolFile.closureTableBuffer()), serialization);
        codec = Codecs.create(Codecs.DEFAULT, serialization);
    }

    @AfterEach
    void closePool()
    {
        poolFile.close();
    }

    @Test
    void shouldReportAFailureWhoseRecordCannotBeWrittenAndGoOn()
    {
        final SpokeAgent agent = agent();
        final Closure<Integer, Integer> failing = define("failing", (Integer x) ->
        {
            if (1 == x)
            {
                throw new IllegalStateException("task fails");
            }
            return x;
        });
        journalFailure = new IllegalStateException("the journal cannot be written");

        run(agent, failing, 1, 0, TaskFlyweight.NO_DEADLINE);
        run(agent, failing, 2, 0, TaskFlyweight.NO_DEADLINE);

        assertEquals(List.of("1 FAILED " + StatusFlyweight.NO_RECORD, "2 OK " + StatusFlyweight.NO_JOURNAL_INDEX),
            statuses);
    }

    @Test
    void shouldEndAnAskWhenTheHubHeartbeatIsStale()
    {
        final SpokeAgent agent = agent();
        final Closure<Integer, Object> asks = define("asks", (Integer x) -> Coordinator.ask(x));
        epochMs = HEARTBEAT_MS + PoolFile.HUB_HEARTBEAT_TIMEOUT_MS + 1;

        run(agent, asks, 1, TaskFlyweight.MAY_REQUEST, TaskFlyweight.NO_DEADLINE);

        assertEquals(List.of("1 FAILED 0"), statuses);
        assertEquals("task 1 attempt 1 gave up waiting for the hub's reply to its request 1: the hub's heartbeat is " +
            (PoolFile.HUB_HEARTBEAT_TIMEOUT_MS + 1) + " ms old, so the hub thread no longer runs",
            records.get(0).message());
    }

    @Test
    void shouldEndAnAskBeforeTheTaskDeadline()
    {
        final SpokeAgent agent = agent();
        final Closure<Integer, Object> asks = define("asks", (Integer x) -> Coordinator.ask(x));

        run(agent, asks, 1, TaskFlyweight.MAY_REQUEST, 1_000);

        assertEquals(List.of("1 FAILED 0"), statuses);
        final ErrorRecord record = records.get(0);
        assertEquals("task 1 attempt 1 gave up waiting for the hub's reply to its request 1: the task's deadline of " +
            "1000 ms is 250 ms away", record.message());
        assertTrue(record.stackTrace().contains("Caused by: java.util.concurrent.TimeoutException: the task's " +
            "deadline of 1000 ms"), record.stackTrace());
        assertTrue(nowNs >= TimeUnit.MILLISECONDS.toNanos(750) && nowNs < TimeUnit.MILLISECONDS.toNanos(1_000),
            "gave up at " + nowNs + " ns");
    }

    @Test
    void shouldSendAResultTooLargeForAStatusThroughASegmentThatTheHubDeletesOnceDecoded()
    {
        final SpokeAgent agent = agent();
        final Closure<Integer, String> large = define("large", (Integer x) -> "x".repeat(x));

        run(agent, large, 200_000, 0, TaskFlyweight.NO_DEADLINE);

        assertEquals(List.of("1 OK " + StatusFlyweight.NO_JOURNAL_INDEX), statuses);
        assertTrue(evaluator.result().capacity() < 100_000, "the buffer the result grew is let go");
        assertEquals(ValueDescriptor.SEGMENT, lastResult[0]);
        final PoolDirectory pool = PoolDirectory.of(directory);
        assertEquals("x".repeat(200_000), new LargeValues(codec, ValueSegments.ofHub(pool))
            .take(new UnsafeBuffer(lastResult), 0, lastResult.length));
        assertEquals(0, pool.valuesDirectory().toFile().list().length);
    }

    @Test
    void shouldFailATaskWhoseResultIsLargerThanTheFreeSpaceNamingItsSizeTheFreeBytesAndThePath()
    {
        freeSpace = ignored -> 1_000;
        final SpokeAgent agent = agent();
        final Closure<Integer, String> large = define("large", (Integer x) -> "x".repeat(x));

        run(agent, large, 5_000, 0, TaskFlyweight.NO_DEADLINE);

        assertEquals(List.of("1 FAILED 0"), statuses);
        final String message = records.get(0).message();
        assertTrue(message.startsWith("result does not fit: its 5001 bytes encoded are more than the 1000 bytes free " +
            "on the file system of the pool root " + directory.getParent() + " (for " +
            PoolDirectory.of(directory).valuesDirectory().resolve("spoke-0-")), message);
        assertFalse(PoolDirectory.of(directory).valuesDirectory().toFile().exists());
    }

    private SpokeAgent agent()
    {
        final SpokeSlot[] slots = { poolFile.spokeSlot(0), poolFile.spokeSlot(1) };
        final Inbox[] inboxes = { Inbox.ofSpoke(poolFile, 0), Inbox.ofSpoke(poolFile, 1) };
        final WaitLimits limits = new WaitLimits(this::tick, () -> epochMs, poolFile::hubHeartbeatVolatile);
        final SpokeAgent agent = new SpokeAgent(0, Inbox.outboxOf(poolFile, 0), inboxes, slots, limits, this::tick,
            NoOpIdleStrategy.INSTANCE);
        final JavaSerialization serialization = new JavaSerialization(new AllowListFilter(List.of()));
        evaluator = new TaskEvaluator("pool", 0,
            new ClosureCache(new ClosureTableReader(poolFile.closureTableBuffer()), serialization),
            new LargeValues(codec, ValueSegments.ofSpoke(PoolDirectory.of(directory), 0, freeSpace)),
            record ->
            {
                if (null != journalFailure)
                {
                    throw journalFailure;
                }
                records.add(record);
                return records.size() - 1;
            },
            new SpokeMessenger(codec, agent), 1024);
        agent.use(evaluator);
        return agent;
    }

    private long tick()
    {
        nowNs += NANOS_PER_LOOK;
        if (nowNs > UNBOUNDED_NS)
        {
            throw new AssertionError("a wait of the agent did not end");
        }
        return nowNs;
    }

    private <A, R> Closure<A, R> define(final String name, final TaskClosure<A, R> closure)
    {
        final Closure<A, R> defined = closures.define(name, closure);
        closures.publish();
        return defined;
    }

    private void run(
        final SpokeAgent agent, final Closure<Integer, ?> closure, final int argument, final int flags,
        final long deadlineMs)
    {
        final ExpandableArrayBuffer encoded = new ExpandableArrayBuffer();
        final int length = new LargeValues(codec, null).encodeInline(argument, encoded, 0);
        final long taskId = ++taskIds;
        assertTrue(new MessageSender().sendTask(Inbox.ofSpoke(poolFile, 0), taskId, 1, closure.id(), 1, flags,
            deadlineMs, encoded, 0, length));
        agent.doWork();
        final StatusFlyweight status = new StatusFlyweight();
        Inbox.outboxOf(poolFile, 0).read((typeId, buffer, index, messageLength) ->
        {
            if (MessageTypes.STATUS == typeId)
            {
                status.wrap(buffer, index, messageLength);
                statuses.add(status.taskId() + " " + status.outcome() + " " + status.journalIndex());
                lastResult = new byte[status.payloadLength()];
                buffer.getBytes(status.payloadOffset(), lastResult);
            }
        }, 100);
        assertTrue(statuses.stream().anyMatch(line -> line.startsWith(taskId + " ")), "task " + taskId + " ended");
    }
}

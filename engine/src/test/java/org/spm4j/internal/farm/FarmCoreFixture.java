package org.spm4j.internal.farm;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.Closure;
import org.spm4j.Codec;
import org.spm4j.ErrorPolicy;
import org.spm4j.ParallelException;
import org.spm4j.RequestHandler;
import org.spm4j.TaskFailure;
import org.spm4j.TaskStatus;
import org.spm4j.internal.closure.ClosureRegistry;
import org.spm4j.internal.codec.AllowListFilter;
import org.spm4j.internal.codec.Codecs;
import org.spm4j.internal.codec.JavaSerialization;
import org.spm4j.internal.codec.LargeValues;
import org.spm4j.internal.task.CrewArguments;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.ValueSegments;
import org.spm4j.shm.closure.ClosureTableWriter;
import org.spm4j.shm.mailbox.ElementPayloads;
import org.spm4j.shm.mailbox.MessageLimits;

/**
 * A farm core over a fake transport and journal, a real closure registry and codec, and a clock the test
 * moves. The test plays the hub agent: it steps {@link #doWork()} and reports what spokes did.
 */
final class FarmCoreFixture
{
    static final String CLOSURE_NAME = "square";
    static final long RUN_ID = 7;
    static final long START_MS = 1_700_000_000_000L;

    final FakeTransport transport;
    final FakeJournal journal = new FakeJournal();
    final List<TaskStatus> statuses = new ArrayList<>();
    final Codec codec;
    /** Arguments and results as they travel, with segments in the builder's pool directory. */
    final LargeValues values;
    final FarmCore core;
    private final Closure<Integer, Integer> closure;
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(64);
    private long nowMs = START_MS;
    private long nextTaskId = 1;
    private long nextJournalIndex = 100;

    private FarmCoreFixture(final Builder builder)
    {
        transport = new FakeTransport(builder.spokes);
        final JavaSerialization serialization = new JavaSerialization(new AllowListFilter(List.of()));
        codec = Codecs.create(null, serialization);
        values = new LargeValues(codec, ValueSegments.ofHub(PoolDirectory.of(builder.poolDirectory)));
        final ClosureRegistry closures = new ClosureRegistry(
            new ClosureTableWriter(new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024))), serialization);
        closure = closures.define(CLOSURE_NAME, (Integer x) -> x * x);
        closures.publish();
        final Consumer<TaskStatus> onStatus = status ->
        {
            statuses.add(status);
            builder.onStatus.accept(status);
        };
        final Duration deadline = builder.deadlineMs > 0 ? Duration.ofMillis(builder.deadlineMs) : null;
        final FarmOptions options = builder.crew ?
            FarmOptions.crew(builder.policy, deadline, onStatus, builder.spokes) :
            new FarmOptions("task farm", builder.policy, deadline, onStatus, builder.window, builder.requestHandler);
        core = new FarmCore(options, transport, journal, values, closures, RUN_ID, builder.maxMessageLength,
            HubCounters.NONE);
    }

    static Builder spokes(final int spokes)
    {
        return new Builder(spokes, false);
    }

    static Builder crewOf(final int ranks)
    {
        return new Builder(ranks, true);
    }

    FarmTask submit()
    {
        return submit(encode((int)nextTaskId));
    }

    List<FarmTask> submit(final int count)
    {
        final List<FarmTask> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            tasks.add(submit());
        }
        return tasks;
    }

    FarmTask submit(final byte[] argument)
    {
        final FarmTask task = new FarmTask(nextTaskId++, closure.id(), argument);
        core.submit(task);
        return task;
    }

    /**
     * @param count elements of a map, whose arguments are their places in it.
     * @return the map's results and its one chunk, submitted; its elements take the next task ids.
     */
    MapOfOneChunk submitChunk(final int count)
    {
        final MapResults results = new MapResults(count);
        final PackedArguments packed = PackedArguments.encode(count, (index, buffer, offset) ->
            values.encodeInline(index, buffer, offset));
        final FarmTask chunk = Chunk.task(nextTaskId, closure.id(), packed.cut(count, Integer.MAX_VALUE), results, 0,
            count);
        nextTaskId += count;
        core.submit(chunk);
        return new MapOfOneChunk(results, chunk);
    }

    /**
     * A map sent as one chunk.
     */
    record MapOfOneChunk(MapResults results, FarmTask chunk)
    {
        long elementId(final int element)
        {
            return ElementPayloads.firstElementId(chunk.id) + element;
        }
    }

    /**
     * @param chunk        a chunk in flight.
     * @param firstElement the index of the part's first element.
     * @param part         the part's entries.
     */
    void reportPart(final FarmTask chunk, final int firstElement, final ChunkPart part)
    {
        reportPart(chunk.id, chunk.attempt, firstElement, part);
    }

    void reportPart(final long chunkId, final int attempt, final int firstElement, final ChunkPart part)
    {
        if (part.isLast())
        {
            transport.finished(chunkId);
        }
        core.onChunkPart(chunkId, attempt, firstElement, part.buffer(), 0, part.length());
    }

    /**
     * Entries of a chunk's status part, as a spoke writes them.
     */
    final class ChunkPart
    {
        private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        private int length;
        private boolean last;

        ChunkPart completed(final Object result)
        {
            final int resultLength = values.encodeInline(result, scratch, 0);
            length += ElementPayloads.putCompleted(buffer, length, scratch, resultLength);
            return this;
        }

        ChunkPart failed()
        {
            length += ElementPayloads.putFailed(buffer, length, nextJournalIndex++);
            return this;
        }

        ChunkPart cancelled()
        {
            length += ElementPayloads.putCancelled(buffer, length);
            return this;
        }

        ChunkPart end(final long nanos)
        {
            length += ElementPayloads.putEnd(buffer, length, nanos);
            last = true;
            return this;
        }

        DirectBuffer buffer()
        {
            return buffer;
        }

        int length()
        {
            return length;
        }

        boolean isLast()
        {
            return last;
        }
    }

    ChunkPart part()
    {
        return new ChunkPart();
    }

    /**
     * @return one task per rank, pinned to the spoke of its rank, as a crew run makes them.
     */
    List<FarmTask> submitCrewRun()
    {
        final int size = core.options().crewSize();
        final byte[] argument = encode(3);
        final List<FarmTask> ranks = new ArrayList<>();
        for (int rank = 0; rank < size; rank++)
        {
            final FarmTask task = new FarmTask(nextTaskId++, closure.id(), CrewArguments.forRank(rank, size, argument));
            task.pinnedSpokeId = rank;
            core.submit(task);
            ranks.add(task);
        }
        return ranks;
    }

    int doWork()
    {
        return core.doWork(nowMs);
    }

    void advanceMs(final long ms)
    {
        nowMs += ms;
    }

    /**
     * The task's spoke starts running it: its slot names the task.
     */
    void startRunning(final FarmTask task)
    {
        transport.running(task.spokeId, task.id);
    }

    void complete(final FarmTask task)
    {
        complete(task, task.attempt, resultOf(task));
    }

    void complete(final FarmTask task, final int attempt, final Object result)
    {
        final int length = values.encodeInline(result, scratch, 0);
        reportCompleted(task, attempt, scratch, length);
    }

    void reportCompleted(final FarmTask task, final int attempt, final DirectBuffer result, final int length)
    {
        reportCompleted(task.id, attempt, result, length);
    }

    void complete(final long taskId, final int attempt, final Object result)
    {
        reportCompleted(taskId, attempt, scratch, values.encodeInline(result, scratch, 0));
    }

    private void reportCompleted(final long taskId, final int attempt, final DirectBuffer result, final int length)
    {
        transport.finished(taskId);
        core.onCompleted(taskId, attempt, result, 0, length);
    }

    void fail(final FarmTask task)
    {
        fail(task, task.attempt);
    }

    void fail(final FarmTask task, final int attempt)
    {
        transport.finished(task.id);
        core.onFailed(task.id, attempt, nextJournalIndex++);
    }

    void cancelled(final FarmTask task)
    {
        transport.finished(task.id);
        core.onCancelled(task.id, task.attempt);
    }

    void request(final FarmTask task, final long correlationId, final Object message)
    {
        request(task, task.attempt, task.spokeId, correlationId, message);
    }

    void request(
        final FarmTask task, final int attempt, final int spokeId, final long correlationId, final Object message)
    {
        final int length = codec.encode(message, scratch, 0);
        core.onRequest(task.id, attempt, spokeId, correlationId, scratch, 0, length);
    }

    static Object resultOf(final FarmTask task)
    {
        return task.id * 10;
    }

    static List<Long> ids(final List<FarmTask> tasks)
    {
        return tasks.stream().map(task -> task.id).toList();
    }

    /**
     * @return the failure a task's future ended with.
     */
    static TaskFailure failureOf(final FarmTask task)
    {
        final ParallelException thrown = exceptionOf(task.future);
        return thrown.failures().get(0);
    }

    static ParallelException exceptionOf(final CompletableFuture<Object> future)
    {
        try
        {
            throw new AssertionError("not failed: " + future.getNow(null));
        }
        catch (final CompletionException ex)
        {
            return (ParallelException)ex.getCause();
        }
    }

    Object decode(final byte[] bytes)
    {
        return codec.decode(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private byte[] encode(final Object value)
    {
        final int length = values.encodeInline(value, scratch, 0);
        final byte[] bytes = new byte[length];
        scratch.getBytes(0, bytes);
        return bytes;
    }

    static final class Builder
    {
        private final int spokes;
        private final boolean crew;
        private int window = 1;
        private ErrorPolicy policy = ErrorPolicy.collect();
        private long deadlineMs;
        private Consumer<TaskStatus> onStatus = status ->
        {
        };
        private RequestHandler requestHandler;
        private int maxMessageLength = MessageLimits.maxMessageLength(64 * 1024);
        private Path poolDirectory = Path.of(System.getProperty("java.io.tmpdir"), "spm4j-no-pool");

        private Builder(final int spokes, final boolean crew)
        {
            this.spokes = spokes;
            this.crew = crew;
        }

        Builder window(final int window)
        {
            this.window = window;
            return this;
        }

        Builder policy(final ErrorPolicy policy)
        {
            this.policy = policy;
            return this;
        }

        Builder deadlineMs(final long deadlineMs)
        {
            this.deadlineMs = deadlineMs;
            return this;
        }

        Builder onStatus(final Consumer<TaskStatus> onStatus)
        {
            this.onStatus = onStatus;
            return this;
        }

        Builder requestHandler(final RequestHandler requestHandler)
        {
            this.requestHandler = requestHandler;
            return this;
        }

        Builder maxMessageLength(final int maxMessageLength)
        {
            this.maxMessageLength = maxMessageLength;
            return this;
        }

        /**
         * @param poolDirectory where the segments of values too large for a message are.
         */
        Builder poolDirectory(final Path poolDirectory)
        {
            this.poolDirectory = poolDirectory;
            return this;
        }

        FarmCoreFixture build()
        {
            return new FarmCoreFixture(this);
        }
    }
}

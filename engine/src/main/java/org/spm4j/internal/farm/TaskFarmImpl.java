package org.spm4j.internal.farm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.ExpandableArrayBuffer;
import org.spm4j.Closure;
import org.spm4j.Codec;
import org.spm4j.Coordinator;
import org.spm4j.ParallelException;
import org.spm4j.TaskFailure;
import org.spm4j.shm.mailbox.ElementPayloads;

/**
 * The user's side of an online task farm or coordinator, the same for serial and local pools: encodes arguments on
 * the caller's thread and hands tasks to the hub thread through a {@link HubDriver}. Thread-safe.
 */
public final class TaskFarmImpl implements Coordinator
{
    private static final int SUBMIT_CHUNK = 4096;

    private final FarmHost pool;
    private final HubDriver driver;
    private final FarmCore core;
    private final Codec codec;
    private final String name;
    private final AtomicLong taskIds;
    private final TaskQueueRoom room;
    private final AtomicLong cancellations = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param pool    the pool the run is on.
     * @param driver  how tasks reach the hub thread.
     * @param core    the run's state machine.
     * @param codec   how arguments become bytes.
     * @param name    the run, for errors.
     * @param taskIds the pool's task id sequence.
     * @param room    the bound on tasks queued.
     */
    public TaskFarmImpl(
        final FarmHost pool,
        final HubDriver driver,
        final FarmCore core,
        final Codec codec,
        final String name,
        final AtomicLong taskIds,
        final TaskQueueRoom room)
    {
        this.pool = pool;
        this.driver = driver;
        this.core = core;
        this.codec = codec;
        this.name = name;
        this.taskIds = taskIds;
        this.room = room;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A, R> CompletableFuture<R> submit(final Closure<A, R> closure, final A argument)
    {
        final FarmTask task = newTask(closure, argument);
        room.take(task, driver.callerMayWait());
        driver.submit(List.of(task));
        return (CompletableFuture<R>)task.future;
    }

    @Override
    public <A, R> List<R> map(final Closure<A, R> closure, final List<? extends A> arguments)
    {
        if (arguments.size() > 1 && core.options().mayChunk() && driver.callerMayWait())
        {
            return mapInChunks(closure, arguments);
        }
        final List<FarmTask> tasks = new ArrayList<>(arguments.size());
        for (final A argument : arguments)
        {
            tasks.add(newTask(closure, argument));
        }
        return runAll(tasks, "map over " + arguments.size() + " tasks of " + closure);
    }

    /**
     * Hand tasks to the hub at once and wait for all of them.
     *
     * @return their results in order.
     * @throws ParallelException     with the failures the policy kept.
     * @throws CancellationException if tasks were cancelled without a failure.
     */
    @SuppressWarnings("unchecked")
    <R> List<R> runAll(final List<FarmTask> tasks, final String what)
    {
        submitAll(tasks);
        final List<R> results = new ArrayList<>(tasks.size());
        boolean failed = false;
        boolean cancelled = false;
        for (final FarmTask task : tasks)
        {
            try
            {
                results.add((R)task.future.get());
            }
            catch (final CancellationException ex)
            {
                cancelled = true;
                results.add(null);
            }
            catch (final ExecutionException ex)
            {
                failed = true;
                results.add(null);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                cancelAll();
                throw new CancellationException("interrupted while waiting for " + name);
            }
        }
        if (failed || cancelled)
        {
            throwFailures(tasks.size(), what);
        }
        return results;
    }

    /**
     * Send a map's arguments in chunks, each cut when the previous ones have left room, at the size the latest
     * timing calls for; every result goes straight into its place.
     */
    private <A, R> List<R> mapInChunks(final Closure<A, R> closure, final List<? extends A> arguments)
    {
        final String what = "map over " + arguments.size() + " tasks of " + closure;
        checkTakesTasks(closure);
        final int maxElement = pool.maxArgumentLength() - ElementPayloads.ARGUMENTS_HEADER_LENGTH;
        final PackedArguments packed = PackedArguments.encode(arguments.size(),
            (index, buffer, offset) -> encodeInto(closure, arguments.get(index), buffer, offset,
                maxElement - ElementPayloads.ELEMENT_OVERHEAD));
        final long firstId = taskIds.getAndAdd(arguments.size()) + 1;
        final MapResults results = new MapResults(arguments.size());
        final ChunkSizer sizer = core.chunkSizer();
        final int spokes = core.spokeCount();
        // two chunks a spoke: one running, one waiting, and each cut as late as can be
        final int mostOutstanding = spokes * (1 == core.options().window() ? 1 : 2) + 1;
        final ChunksInFlight outstanding = new ChunksInFlight();
        final long cancelledBefore = cancellations.get();
        try
        {
            while (packed.remaining() > 0)
            {
                if (cancellations.get() != cancelledBefore || core.hasFailedFast())
                {
                    results.endedAll(packed.nextElement(), arguments.size(), new CancellationException(what +
                        " was cancelled"));
                    break;
                }
                final CompletableFuture<Void> nextEnd = outstanding.nextEnd();
                if (outstanding.count() >= mostOutstanding)
                {
                    awaitEnd(driver, nextEnd);
                    continue;
                }
                final int from = packed.nextElement();
                final byte[] chunkArguments = packed.cut(sizer.nextSize(packed.remaining(), spokes),
                    pool.maxArgumentLength());
                final FarmTask chunk = Chunk.task(firstId + from, closure.id(), chunkArguments, results, from,
                    packed.nextElement() - from);
                room.take(chunk, true);
                outstanding.add(chunk);
                driver.submit(List.of(chunk));
            }
            awaitEnd(driver, results.done());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            cancelAll();
            throw new CancellationException("interrupted while waiting for " + name);
        }
        if (results.anyFailed() || results.anyCancelled())
        {
            throwFailures(arguments.size(), what);
        }
        return results.toList();
    }

    private static void awaitEnd(final HubDriver driver, final CompletableFuture<?> future)
        throws InterruptedException
    {
        try
        {
            driver.driveUntil(future, Long.MAX_VALUE);
            future.get();
        }
        catch (final ExecutionException | CancellationException ex)
        {
            // how it ended is the results' to say
        }
    }

    /**
     * Some tasks of a run that has ended failed or were cancelled.
     *
     * @throws ParallelException     with the failures the policy kept.
     * @throws CancellationException if tasks were cancelled without a failure.
     */
    private void throwFailures(final int tasks, final String what)
    {
        driver.awaitQuiescence();
        final List<TaskFailure> failures = driver.call(FarmCore::takeFailures);
        if (!failures.isEmpty())
        {
            throw new ParallelException(summary(failures, tasks), failures);
        }
        throw new CancellationException(what + " was cancelled");
    }

    /**
     * Hand tasks to the hub in chunks, each as soon as the queue has room for it; a {@link #cancelAll()} meanwhile
     * cancels the chunks not handed over yet, as it does those the hub holds.
     */
    private void submitAll(final List<FarmTask> tasks)
    {
        final long cancelledBefore = cancellations.get();
        int from = 0;
        while (from < tasks.size())
        {
            if (cancellations.get() != cancelledBefore)
            {
                tasks.subList(from, tasks.size()).forEach(task -> task.future.cancel(false));
                return;
            }
            room.take(tasks.get(from), driver.callerMayWait());
            int to = from + 1;
            while (to < tasks.size() && to - from < SUBMIT_CHUNK && room.tryTake(tasks.get(to)))
            {
                to++;
            }
            driver.submit(tasks.subList(from, to));
            from = to;
        }
    }

    private FarmTask newTask(final Closure<?, ?> closure, final Object argument)
    {
        return newTask(closure, encode(closure, argument));
    }

    /**
     * @param closure  a closure of this pool.
     * @param argument its encoded argument.
     * @return a task ready to hand to the hub.
     * @throws ParallelException if the run has failed fast.
     */
    FarmTask newTask(final Closure<?, ?> closure, final byte[] argument)
    {
        checkTakesTasks(closure);
        return new FarmTask(taskIds.incrementAndGet(), closure.id(), argument, null, driver.newFuture());
    }

    private void checkTakesTasks(final Closure<?, ?> closure)
    {
        if (closed)
        {
            throw new IllegalStateException(name + " is closed");
        }
        pool.checkOwnClosure(closure);
        if (core.hasFailedFast())
        {
            throw new ParallelException(name + " has failed fast; no more tasks are taken",
                driver.call(FarmCore::takeFailures));
        }
    }

    @Override
    public void cancelAll()
    {
        cancellations.incrementAndGet();
        driver.call(core ->
        {
            core.cancelAll();
            return null;
        });
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            driver.awaitQuiescence();
            final List<TaskFailure> failures = driver.call(FarmCore::takeFailures);
            if (!failures.isEmpty())
            {
                throw new ParallelException(summary(failures, -1), failures);
            }
        }
        finally
        {
            driver.detach();
            pool.offline();
        }
    }

    byte[] encode(final Closure<?, ?> closure, final Object argument)
    {
        return encode(closure, argument, 0);
    }

    /**
     * @param reserved bytes the caller will add to the encoded argument, counted against the limit.
     */
    byte[] encode(final Closure<?, ?> closure, final Object argument, final int reserved)
    {
        final EncodeBuffer scratch = EncodeBuffer.take();
        try
        {
            final int length = encodeInto(closure, argument, scratch.buffer, 0, pool.maxArgumentLength() - reserved);
            final byte[] bytes = new byte[length];
            scratch.buffer.getBytes(0, bytes);
            return bytes;
        }
        finally
        {
            scratch.give();
        }
    }

    /**
     * @param limit the most bytes the encoded argument may take.
     * @return its length.
     */
    private int encodeInto(
        final Closure<?, ?> closure,
        final Object argument,
        final ExpandableArrayBuffer buffer,
        final int offset,
        final int limit)
    {
        final int length;
        try
        {
            length = codec.encode(argument, buffer, offset);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("argument for " + closure + " " + ex.getMessage(), ex.getCause());
        }
        if (length > limit)
        {
            throw new IllegalArgumentException("argument for " + closure + " is " + length + " bytes encoded, " +
                "over the " + limit + "-byte limit of a task message; send less or raise " +
                "PoolBuilder.inboxCapacity");
        }
        return length;
    }

    private String summary(final List<TaskFailure> failures, final int tasks)
    {
        return failures.size() + (1 == failures.size() ? " failure" : " failures") + " in " + name +
            (tasks >= 0 ? " of " + tasks + " tasks" : "");
    }

    /**
     * A calling thread's buffer to encode arguments into before they are copied out at their exact length,
     * so that a {@code map} does not make and zero a fresh buffer per argument. A codec that submits while
     * encoding finds it taken and gets a buffer of its own; one grown for a huge argument is let go.
     */
    private static final class EncodeBuffer
    {
        private static final int INITIAL_CAPACITY = 256;
        private static final int MAX_KEPT_CAPACITY = 64 * 1024;
        private static final ThreadLocal<EncodeBuffer> OWN = ThreadLocal.withInitial(EncodeBuffer::new);

        private ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(INITIAL_CAPACITY);
        private boolean taken;

        static EncodeBuffer take()
        {
            final EncodeBuffer own = OWN.get();
            final EncodeBuffer scratch = own.taken ? new EncodeBuffer() : own;
            scratch.taken = true;
            return scratch;
        }

        void give()
        {
            taken = false;
            if (buffer.capacity() > MAX_KEPT_CAPACITY)
            {
                buffer = new ExpandableArrayBuffer(INITIAL_CAPACITY);
            }
        }
    }
}

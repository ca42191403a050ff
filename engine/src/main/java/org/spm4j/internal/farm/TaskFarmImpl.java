package org.spm4j.internal.farm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.spm4j.Closure;
import org.spm4j.Coordinator;
import org.spm4j.ParallelException;
import org.spm4j.TaskFailure;
import org.spm4j.internal.codec.LargeValues;

/**
 * The user's side of an online task farm or coordinator, the same for serial and local pools: encodes arguments on
 * the caller's thread and hands tasks to the hub thread through a {@link HubDriver}. An argument too large for a
 * task message goes to a segment ({@link ArgumentEncoder}), deleted once the tasks that read it have ended
 * ({@link SpilledArguments}). Thread-safe.
 */
public final class TaskFarmImpl implements Coordinator
{
    private static final int SUBMIT_CHUNK = 4096;

    private final FarmHost pool;
    private final HubDriver driver;
    private final FarmCore core;
    private final ArgumentEncoder encoder;
    private final String name;
    private final AtomicLong taskIds;
    private final TaskQueueRoom room;
    private final AtomicLong cancellations = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param pool    the pool the run is on.
     * @param driver  how tasks reach the hub thread.
     * @param core    the run's state machine.
     * @param values  how arguments become bytes, and where those too large for a message go.
     * @param name    the run, for errors.
     * @param taskIds the pool's task id sequence.
     * @param room    the bound on tasks queued.
     */
    public TaskFarmImpl(
        final FarmHost pool,
        final HubDriver driver,
        final FarmCore core,
        final LargeValues values,
        final String name,
        final AtomicLong taskIds,
        final TaskQueueRoom room)
    {
        this.pool = pool;
        this.driver = driver;
        this.core = core;
        this.encoder = new ArgumentEncoder(pool, values);
        this.name = name;
        this.taskIds = taskIds;
        this.room = room;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A, R> CompletableFuture<R> submit(final Closure<A, R> closure, final A argument)
    {
        final FarmTask task = newTask(closure, argument);
        try
        {
            room.take(task, driver.callerMayWait());
            driver.submit(List.of(task));
        }
        catch (final RuntimeException | Error ex)
        {
            task.future.cancel(false);
            throw ex;
        }
        return (CompletableFuture<R>)(SpilledArguments.isSpilled(task.argument) ? callersFuture(task) : task.future);
    }

    /**
     * The caller may complete or cancel the future it gets, which ends no task; a task whose argument's segment goes
     * when its own future completes gives the caller another.
     */
    private CompletableFuture<Object> callersFuture(final FarmTask task)
    {
        final CompletableFuture<Object> callers = driver.newFuture();
        task.future.whenComplete((value, failure) ->
        {
            if (null == failure)
            {
                callers.complete(value);
            }
            else
            {
                callers.completeExceptionally(failure);
            }
        });
        return callers;
    }

    @Override
    public <A, R> List<R> map(final Closure<A, R> closure, final List<? extends A> arguments)
    {
        if (arguments.size() > 1 && core.options().mayChunk() && driver.callerMayWait())
        {
            return mapInChunks(closure, arguments);
        }
        final List<FarmTask> tasks = new ArrayList<>(arguments.size());
        try
        {
            for (final A argument : arguments)
            {
                tasks.add(newTask(closure, argument));
            }
        }
        catch (final RuntimeException | Error ex)
        {
            tasks.forEach(task -> task.future.cancel(false));
            throw ex;
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
        final SpilledArguments spilled = new SpilledArguments(encoder.segments());
        final PackedArguments packed = encoder.pack(closure, arguments, spilled);
        final long firstId = taskIds.getAndAdd(arguments.size()) + 1;
        final MapResults results = new MapResults(arguments.size());
        spilled.deleteWhen(results.done());
        final ChunkSizer sizer = core.chunkSizer();
        final int spokes = core.spokeCount();
        // two chunks a spoke: one running, one waiting, and each cut as late as can be
        final int mostOutstanding = spokes * (1 == core.options().window() ? 1 : 2) + 1;
        final ChunksInFlight outstanding = new ChunksInFlight();
        final long cancelledBefore = cancellations.get();
        FarmTask unsent = null;
        boolean uncutEnded = false;
        try
        {
            while (packed.remaining() > 0)
            {
                if (cancellations.get() != cancelledBefore || core.hasFailedFast())
                {
                    results.endedAll(packed.nextElement(), arguments.size(), new CancellationException(what +
                        " was cancelled"));
                    uncutEnded = true;
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
                unsent = Chunk.task(firstId + from, closure.id(), chunkArguments, results, from,
                    packed.nextElement() - from);
                room.take(unsent, true);
                outstanding.add(unsent);
                driver.submit(List.of(unsent));
                unsent = null;
            }
            awaitEnd(driver, results.done());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            cancelAll();
            throw new CancellationException("interrupted while waiting for " + name);
        }
        catch (final RuntimeException | Error ex)
        {
            // every element settles, so that the segments of those sent go once they end
            if (null != unsent)
            {
                unsent.future.cancel(false);
            }
            if (!uncutEnded)
            {
                results.endedAll(packed.nextElement(), arguments.size(), new CancellationException(what + " failed"));
            }
            throw ex;
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
        try
        {
            while (from < tasks.size())
            {
                if (cancellations.get() != cancelledBefore)
                {
                    break;
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
        finally
        {
            tasks.subList(from, tasks.size()).forEach(task -> task.future.cancel(false));
        }
    }

    private FarmTask newTask(final Closure<?, ?> closure, final Object argument)
    {
        final byte[] encoded = encoder.encode(closure, argument, 0);
        final FarmTask task;
        try
        {
            task = newTask(closure, encoded);
        }
        catch (final RuntimeException | Error ex)
        {
            SpilledArguments.deleteNow(encoder.segments(), encoded);
            throw ex;
        }
        SpilledArguments.deleteWhenEnded(encoder.segments(), encoded, task.future);
        return task;
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

    /**
     * @return how the farm's arguments become bytes.
     */
    ArgumentEncoder encoder()
    {
        return encoder;
    }

    private String summary(final List<TaskFailure> failures, final int tasks)
    {
        return failures.size() + (1 == failures.size() ? " failure" : " failures") + " in " + name +
            (tasks >= 0 ? " of " + tasks + " tasks" : "");
    }
}

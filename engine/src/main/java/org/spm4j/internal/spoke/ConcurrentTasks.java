package org.spm4j.internal.spoke;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.spm4j.internal.task.TaskApplication;
import org.spm4j.shm.mailbox.TaskFlyweight;

/**
 * The tasks a spoke runs at once, each on a thread of its own ({@link TaskFlyweight#CONCURRENT}): started by the
 * spoke's thread as they arrive, and handed back to it when they end, so that their statuses leave from there as
 * every status does. As many run as the hub keeps in flight on the spoke, so threads are as many; one idle for
 * {@link #IDLE_THREAD_LIFE_S} seconds ends. Threads are daemons: a spoke that exits does not wait for them, and
 * the processes their tasks started die with it ({@code ProcessTree}). Spoke thread only, but for the threads it
 * starts.
 */
final class ConcurrentTasks
{
    private static final long IDLE_THREAD_LIFE_S = 30;

    /**
     * A task started, with when.
     *
     * @param task        as it came, its argument kept until it ends.
     * @param application what runs on the task's thread.
     * @param startMs     when it started, on the spoke's clock.
     */
    record Started(QueuedTask task, TaskApplication application, long startMs)
    {
    }

    private final ArrayDeque<Started> running = new ArrayDeque<>();
    private final ManyToOneConcurrentLinkedQueue<Started> ended = new ManyToOneConcurrentLinkedQueue<>();
    private final ExecutorService threads;

    /**
     * @param spokeId the spoke, to name the threads.
     */
    ConcurrentTasks(final int spokeId)
    {
        threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_THREAD_LIFE_S, TimeUnit.SECONDS,
            new SynchronousQueue<>(), daemons("spoke-" + spokeId + "-task-"));
    }

    /**
     * @param task        a task of the spoke's.
     * @param application the task, prepared.
     * @param startMs     now, on the spoke's clock.
     */
    void start(final QueuedTask task, final TaskApplication application, final long startMs)
    {
        final Started started = new Started(task, application, startMs);
        running.add(started);
        threads.execute(() ->
        {
            application.run();
            ended.offer(started);
        });
    }

    /**
     * @param onEnded given each task that has ended since the last call, on the calling thread.
     * @return how many.
     */
    int pollEnded(final Consumer<Started> onEnded)
    {
        int count = 0;
        Started started;
        while (null != (started = ended.poll()))
        {
            running.remove(started);
            onEnded.accept(started);
            count++;
        }
        return count;
    }

    /**
     * @return the task that has run longest of those running; null if none runs.
     */
    Started oldest()
    {
        return running.peekFirst();
    }

    boolean isEmpty()
    {
        return running.isEmpty();
    }

    private static ThreadFactory daemons(final String prefix)
    {
        final AtomicInteger count = new AtomicInteger();
        return runnable ->
        {
            final Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

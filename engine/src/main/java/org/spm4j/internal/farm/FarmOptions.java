package org.spm4j.internal.farm;

import java.time.Duration;
import java.util.function.Consumer;

import org.spm4j.ErrorPolicy;
import org.spm4j.ManagerBuilder;
import org.spm4j.RequestHandler;
import org.spm4j.TaskStatus;
import org.spm4j.shm.mailbox.TaskFlyweight;

/**
 * Options a task farm (or a coordinator, a task farm whose tasks may ask the hub) comes online with.
 *
 * @param kind           what the manager is called in messages, e.g. "task farm".
 * @param errorPolicy    what to do with failures.
 * @param deadline       per-task hard deadline, null for none.
 * @param onStatus       status callback, null for none.
 * @param window         most tasks in flight per spoke, or {@link #ADAPTIVE_WINDOW}.
 * @param requestHandler answers tasks' requests on the hub thread; null if tasks may not ask.
 * @param crewSize       ranks of a crew, 0 for a task farm or coordinator.
 * @param queueLimit     most tasks submitted and not yet finished.
 * @param queueWait      how long a submit waits for room under the queue limit.
 * @param chunkSize      elements of a {@code map} per message to a spoke: 0 to size chunks from how long tasks
 *                       take, 1 to send each alone.
 * @param concurrent     true if each task a spoke is sent runs at once, beside the others in flight there
 *                       ({@link TaskFlyweight#CONCURRENT}).
 */
public record FarmOptions(
    String kind,
    ErrorPolicy errorPolicy,
    Duration deadline,
    Consumer<TaskStatus> onStatus,
    int window,
    RequestHandler requestHandler,
    int crewSize,
    int queueLimit,
    Duration queueWait,
    int chunkSize,
    boolean concurrent)
{
    /** Window of a run whose window follows how long its tasks take. */
    public static final int ADAPTIVE_WINDOW = 0;
    /** Chunk size of a {@code map} whose chunks are sized from how long its tasks take. */
    public static final int AUTO_CHUNK_SIZE = 0;

    /**
     * Options of a task farm or, with a request handler, a coordinator.
     *
     * @param kind           what the manager is called in messages.
     * @param errorPolicy    what to do with failures.
     * @param deadline       per-task hard deadline, null for none.
     * @param onStatus       status callback, null for none.
     * @param window         most tasks in flight per spoke.
     * @param requestHandler answers tasks' requests, null if tasks may not ask.
     */
    public FarmOptions(
        final String kind,
        final ErrorPolicy errorPolicy,
        final Duration deadline,
        final Consumer<TaskStatus> onStatus,
        final int window,
        final RequestHandler requestHandler)
    {
        this(kind, errorPolicy, deadline, onStatus, window, requestHandler, 0, ManagerBuilder.DEFAULT_QUEUE_LIMIT,
            ManagerBuilder.DEFAULT_QUEUE_WAIT, AUTO_CHUNK_SIZE, false);
    }

    /**
     * @param queueLimit most tasks submitted and not yet finished.
     * @param queueWait  how long a submit waits for room under the queue limit.
     * @return these options with that queue limit.
     */
    public FarmOptions withQueue(final int queueLimit, final Duration queueWait)
    {
        return new FarmOptions(kind, errorPolicy, deadline, onStatus, window, requestHandler, crewSize, queueLimit,
            queueWait, chunkSize, concurrent);
    }

    /**
     * A serial pool runs each task as it is sent, so a window that followed the clock would only make which tasks
     * run before a fail-fast depend on timing: there the default window is the narrowest, and runs repeat exactly.
     *
     * @return these options, as a serial pool runs them.
     */
    public FarmOptions onSerialPool()
    {
        return ADAPTIVE_WINDOW != window ? this : new FarmOptions(kind, errorPolicy, deadline, onStatus,
            AdaptiveWindow.NARROWEST, requestHandler, crewSize, queueLimit, queueWait, chunkSize, concurrent);
    }

    /**
     * @param chunkSize elements of a {@code map} per message to a spoke: {@link #AUTO_CHUNK_SIZE} to size chunks
     *                  from how long tasks take, 1 to send each alone.
     * @return these options with that chunk size.
     */
    public FarmOptions withChunkSize(final int chunkSize)
    {
        return new FarmOptions(kind, errorPolicy, deadline, onStatus, window, requestHandler, crewSize, queueLimit,
            queueWait, chunkSize, concurrent);
    }

    /**
     * @return these options with each task sent to a spoke running at once there, on a thread of its own, beside
     *         the others in flight: as many run at once on a spoke as its window. For tasks that mostly wait, which
     *         neither ask the hub nor message peers; no {@code map} sends them in chunks.
     * @throws IllegalStateException if tasks may ask or message peers, or have a deadline: the hub watches one
     *                               running task per spoke, and a spoke the messages of the one it runs.
     */
    public FarmOptions withConcurrentTasks()
    {
        if (isCrew() || null != requestHandler || null != deadline)
        {
            throw new IllegalStateException("tasks of a " + kind + " that message or have a deadline cannot run " +
                "concurrently");
        }
        return new FarmOptions(kind, errorPolicy, deadline, onStatus, window, requestHandler, crewSize, queueLimit,
            queueWait, 1, true);
    }

    /**
     * @return true if a {@code map} may send its elements in chunks: not when tasks ask the hub or message peers,
     *         whose messages name them alone, nor under a deadline, which is each task's own.
     */
    public boolean mayChunk()
    {
        return 1 != chunkSize && !concurrent && !isCrew() && null == requestHandler && null == deadline;
    }

    /**
     * @param errorPolicy what to do with the crew's failure.
     * @param deadline    per-rank hard deadline, null for none.
     * @param onStatus    status callback, null for none.
     * @param size        number of ranks.
     * @return options of a crew of {@code size} ranks, one task per rank.
     */
    public static FarmOptions crew(
        final ErrorPolicy errorPolicy, final Duration deadline, final Consumer<TaskStatus> onStatus, final int size)
    {
        return new FarmOptions("crew", errorPolicy, deadline, onStatus, 1, null, size,
            Math.max(size, ManagerBuilder.DEFAULT_QUEUE_LIMIT), ManagerBuilder.DEFAULT_QUEUE_WAIT, 1, false);
    }

    /**
     * @return true for a crew.
     */
    public boolean isCrew()
    {
        return crewSize > 0;
    }

    /**
     * @return the status callback, or one that does nothing.
     */
    public Consumer<TaskStatus> statusCallback()
    {
        return null == onStatus ? status -> { } : onStatus;
    }

    /**
     * @return the flags of the manager's tasks: which messages they may send, or that they run concurrently.
     */
    public int messageFlags()
    {
        if (concurrent)
        {
            return TaskFlyweight.CONCURRENT;
        }
        return isCrew() ? TaskFlyweight.MAY_MESSAGE_PEERS :
            null == requestHandler ? 0 : TaskFlyweight.MAY_REQUEST;
    }
}

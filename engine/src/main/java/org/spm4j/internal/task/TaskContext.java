package org.spm4j.internal.task;

import org.spm4j.ParallelInvariantException;

/**
 * The messenger of the task running on this thread, if any. A spoke or a serial pool sets it around
 * each task; outside a task there is none, which is how a hub handler trying to initiate a message is
 * caught.
 */
public final class TaskContext
{
    private static final ThreadLocal<Messenger> CURRENT = new ThreadLocal<>();

    private TaskContext()
    {
    }

    /**
     * @param operation what was called, for the message.
     * @return the messenger of the task running on this thread.
     * @throws ParallelInvariantException if no task runs on this thread.
     */
    public static Messenger messenger(final String operation)
    {
        final Messenger messenger = CURRENT.get();
        if (null == messenger)
        {
            throw new ParallelInvariantException(operation + " was called outside a task: only a task running " +
                "on a pool may send messages; the hub may only reply");
        }
        return messenger;
    }

    /**
     * @param messenger the messenger of the task that now runs on this thread.
     */
    public static void enter(final Messenger messenger)
    {
        CURRENT.set(messenger);
    }

    /**
     * Step out of the running task, so hub code running on its thread (a serial pool's request
     * handler) is not taken for the task.
     *
     * @return the task's messenger, to {@link #enter} again afterwards.
     */
    public static Messenger suspend()
    {
        final Messenger messenger = CURRENT.get();
        leave();
        return messenger;
    }

    /**
     * Cleared rather than removed: removing the thread's entry would make the next task's
     * {@link #enter} allocate a new one.
     */
    static void leave()
    {
        CURRENT.set(null);
    }
}

package org.spm4j.internal.farm;

import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.shm.mailbox.TaskBatch;
import org.spm4j.shm.mailbox.TaskFlyweight;

/**
 * A batch of farm tasks as {@link org.spm4j.shm.mailbox.MessageSender#sendTasks} reads it, reused from send
 * to send. Hub thread only.
 */
public final class FarmTaskBatch implements TaskBatch
{
    private final UnsafeBuffer argument = new UnsafeBuffer(new byte[0]);
    private List<FarmTask> tasks;

    /**
     * @param tasks the tasks of the next send.
     * @return this.
     */
    public FarmTaskBatch wrap(final List<FarmTask> tasks)
    {
        this.tasks = tasks;
        return this;
    }

    @Override
    public int size()
    {
        return tasks.size();
    }

    @Override
    public long taskId(final int index)
    {
        return tasks.get(index).id;
    }

    @Override
    public int closureId(final int index)
    {
        return tasks.get(index).closureId;
    }

    @Override
    public int attempt(final int index)
    {
        return tasks.get(index).attempt;
    }

    @Override
    public long deadlineMs(final int index)
    {
        return tasks.get(index).deadlineMs;
    }

    @Override
    public int argumentLength(final int index)
    {
        return tasks.get(index).argument.length;
    }

    @Override
    public int flags(final int index)
    {
        return null == tasks.get(index).chunk ? 0 : TaskFlyweight.ELEMENTS;
    }

    @Override
    public DirectBuffer argument(final int index)
    {
        argument.wrap(tasks.get(index).argument);
        return argument;
    }
}

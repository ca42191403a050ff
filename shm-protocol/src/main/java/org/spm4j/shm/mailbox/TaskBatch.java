package org.spm4j.shm.mailbox;

import org.agrona.DirectBuffer;

/**
 * The tasks {@link MessageSender#sendTasks} sends at once, read by index as it encodes them. The sender's own
 * task objects implement or adapt it, so a send allocates nothing. Read by the sending thread only.
 */
public interface TaskBatch
{
    /**
     * @return how many tasks, at least one.
     */
    int size();

    /**
     * @param index 0 to {@link #size()} - 1.
     * @return the task id.
     */
    long taskId(int index);

    /**
     * @param index 0 to {@link #size()} - 1.
     * @return the closure to run.
     */
    int closureId(int index);

    /**
     * @param index 0 to {@link #size()} - 1.
     * @return the attempt, 1 for the first.
     */
    int attempt(int index);

    /**
     * @param index 0 to {@link #size()} - 1.
     * @return most ms the task may run, {@link TaskFlyweight#NO_DEADLINE} for no limit.
     */
    long deadlineMs(int index);

    /**
     * @param index 0 to {@link #size()} - 1.
     * @return bytes of the task's argument.
     */
    int argumentLength(int index);

    /**
     * @param index 0 to {@link #size()} - 1.
     * @return the task's argument, from offset 0; valid until the next call of this method.
     */
    DirectBuffer argument(int index);

    /**
     * @param index a task of the batch.
     * @return flags of that task beside those of the whole batch, e.g. {@link TaskFlyweight#ELEMENTS}.
     */
    default int flags(int index)
    {
        return 0;
    }
}

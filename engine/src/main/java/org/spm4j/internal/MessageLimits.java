package org.spm4j.internal;

import java.util.List;

import org.spm4j.shm.mailbox.BatchFlyweight;
import org.spm4j.shm.mailbox.StatusFlyweight;
import org.spm4j.shm.mailbox.TaskFlyweight;

/**
 * The largest argument and result an inbox of a given capacity carries, the same in serial and local
 * pools so both refuse the same values.
 */
final class MessageLimits
{
    private MessageLimits()
    {
    }

    /** Mirrors the ring buffer's limit: an eighth of its capacity per message. */
    static int maxMessageLength(final int inboxCapacity)
    {
        return inboxCapacity / 8;
    }

    static int maxArgumentLength(final int inboxCapacity)
    {
        return maxMessageLength(inboxCapacity) - TaskFlyweight.HEADER_LENGTH;
    }

    /**
     * @return bytes a BATCH of these tasks takes.
     */
    static int batchLength(final List<FarmTask> tasks)
    {
        int length = BatchFlyweight.HEADER_LENGTH;
        for (final FarmTask task : tasks)
        {
            length += BatchFlyweight.elementSpace(taskLength(task));
        }
        return length;
    }

    static int taskLength(final FarmTask task)
    {
        return TaskFlyweight.HEADER_LENGTH + task.argument.length;
    }

    static int maxResultLength(final int inboxCapacity)
    {
        return maxMessageLength(inboxCapacity) - StatusFlyweight.HEADER_LENGTH;
    }
}

package org.spm4j.internal.spoke;

import org.agrona.ExpandableArrayBuffer;
import org.spm4j.shm.mailbox.TaskFlyweight;

/**
 * A task read from a spoke's inbox, waiting its turn. Reused once it has run or been cancelled, with its
 * argument buffer, so that a spoke does not allocate for each task it queues. Task thread only.
 */
final class QueuedTask
{
    private static final int MAX_KEPT_CAPACITY = 64 * 1024;

    final ExpandableArrayBuffer argument = new ExpandableArrayBuffer(64);
    long taskId;
    long runId;
    int closureId;
    int attempt;
    int flags;
    long deadlineMs;
    int argumentLength;

    QueuedTask copyOf(final TaskFlyweight message)
    {
        taskId = message.taskId();
        runId = message.runId();
        closureId = message.closureId();
        attempt = message.attempt();
        flags = message.flags();
        deadlineMs = message.deadlineMs();
        argumentLength = message.payloadLength();
        argument.putBytes(0, message.buffer(), message.payloadOffset(), argumentLength);
        return this;
    }

    boolean isWorthKeeping()
    {
        return argument.capacity() <= MAX_KEPT_CAPACITY;
    }
}

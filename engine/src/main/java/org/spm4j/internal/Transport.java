package org.spm4j.internal;

import java.util.List;

/**
 * How a farm reaches its spokes: a local pool's inboxes and processes, or a serial pool's calling
 * thread. Hub thread only.
 */
interface Transport
{
    /**
     * @return number of spokes.
     */
    int spokeCount();

    /**
     * @param spokeId a spoke.
     * @return true if it can take tasks now.
     */
    boolean isReady(int spokeId);

    /**
     * Send tasks to a spoke in one message.
     *
     * @param spokeId the spoke.
     * @param tasks   the tasks, their encoded size within the inbox's message limit.
     * @param runId   their manager run.
     * @return true if sent, false if the spoke's inbox is full.
     */
    boolean send(int spokeId, List<FarmTask> tasks, long runId);

    /**
     * @param spokeId a spoke.
     * @return the task it is running now, {@link org.spm4j.shm.SpokeSlotDescriptor#NO_TASK} if none.
     */
    long runningTask(int spokeId);

    /**
     * Ask a spoke to drop a task it has not started.
     *
     * @param spokeId the spoke.
     * @param taskId  the task.
     */
    void cancel(int spokeId, long taskId);

    /**
     * Kill a spoke (its task overran its deadline) and launch a replacement.
     *
     * @param spokeId the spoke.
     * @return the pid of the spoke killed.
     */
    long kill(int spokeId);

    /**
     * Kill every spoke and launch replacements.
     */
    void restartAll();
}

package org.spm4j.internal.farm;

import java.util.List;

import org.agrona.DirectBuffer;

/**
 * How a farm reaches its spokes: a local pool's inboxes and processes, or a serial pool's calling
 * thread. Hub thread only.
 */
public interface Transport
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
     * @param spokeId a spoke.
     * @return why it will never take tasks again (it was given up on), or null while it is, or may become,
     * ready.
     */
    String unavailable(int spokeId);

    /**
     * @param spokeId a spoke.
     * @return true if it runs nothing, holds nothing queued and has nothing in its inbox: whatever the hub
     * thinks it sent there has been answered, or its answer was lost.
     */
    boolean isIdle(int spokeId);

    /**
     * Send tasks to a spoke in one message.
     *
     * @param spokeId the spoke.
     * @param tasks   the tasks, their encoded size within the inbox's message limit.
     * @param runId   their manager run.
     * @param flags   which messages the tasks may send.
     * @return true if sent, false if the spoke's inbox is full.
     */
    boolean send(int spokeId, List<FarmTask> tasks, long runId, int flags);

    /**
     * Answer a task's request.
     *
     * @param spokeId       the spoke the task runs on.
     * @param correlationId the request's correlation id.
     * @param taskId        the task.
     * @param attempt       its attempt.
     * @param reply         the encoded reply.
     * @param length        its length.
     */
    void reply(int spokeId, long correlationId, long taskId, int attempt, DirectBuffer reply, int length);

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

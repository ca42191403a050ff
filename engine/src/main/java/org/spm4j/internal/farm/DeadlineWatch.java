package org.spm4j.internal.farm;

import java.util.Arrays;

import org.spm4j.shm.SpokeSlotDescriptor;

/**
 * Finds a task that has run past its deadline. A deadline bounds a task's running time, not its wait in a
 * spoke's queue: the clock starts when the hub first sees the spoke running it, and again for each attempt, even
 * one on the same spoke whose slot the hub never saw idle in between. Hub thread only.
 */
final class DeadlineWatch
{
    private final Transport transport;
    private final InFlightTasks inFlight;
    private final long deadlineMs;
    private final long[] runningTask;
    private final int[] runningAttempt;
    private final long[] runningSinceMs;

    /**
     * @param deadlineMs most milliseconds a task may run.
     */
    DeadlineWatch(final Transport transport, final InFlightTasks inFlight, final long deadlineMs)
    {
        this.transport = transport;
        this.inFlight = inFlight;
        this.deadlineMs = deadlineMs;
        runningTask = new long[inFlight.spokeCount()];
        runningAttempt = new int[inFlight.spokeCount()];
        runningSinceMs = new long[inFlight.spokeCount()];
        Arrays.fill(runningTask, SpokeSlotDescriptor.NO_TASK);
    }

    /**
     * @param nowMs the hub's clock.
     * @return a task of this run that has overrun its deadline, forgotten by the watch; null if none.
     */
    FarmTask overrun(final long nowMs)
    {
        for (int spokeId = 0; spokeId < runningTask.length; spokeId++)
        {
            final long taskId = transport.runningTask(spokeId);
            final FarmTask task = inFlight.get(taskId);
            final int attempt = null == task ? 0 : task.attempt;
            if (taskId != runningTask[spokeId] || attempt != runningAttempt[spokeId])
            {
                runningTask[spokeId] = taskId;
                runningAttempt[spokeId] = attempt;
                runningSinceMs[spokeId] = nowMs;
            }
            else if (nowMs - runningSinceMs[spokeId] > deadlineMs && null != task && task.spokeId == spokeId)
            {
                runningTask[spokeId] = SpokeSlotDescriptor.NO_TASK;
                return task;
            }
        }
        return null;
    }
}

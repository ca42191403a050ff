package org.spm4j.internal.farm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.agrona.DirectBuffer;
import org.spm4j.shm.SpokeSlotDescriptor;

/**
 * A scripted transport: the test says which spokes are ready, which refuse sends and what each runs; the
 * transport records what the core asked of it. Tasks count as outstanding on a spoke from their send until
 * the test reports their status through {@link #finished(long)}.
 */
final class FakeTransport implements Transport
{
    /** Pid of the first spoke; spoke n has pid {@code FIRST_PID + n}. */
    static final long FIRST_PID = 1000;

    /**
     * One message of tasks, as it was when sent.
     */
    record Batch(int spokeId, List<Long> taskIds, List<Integer> attempts, long runId, int flags)
    {
    }

    /**
     * A cancel the core asked for.
     */
    record Cancel(int spokeId, long taskId)
    {
    }

    /**
     * A reply to a task's request.
     */
    record Reply(int spokeId, long correlationId, long taskId, int attempt, byte[] bytes)
    {
    }

    private final boolean[] ready;
    private final boolean[] refusing;
    private final String[] givenUp;
    private final long[] running;
    private final int[] mostOutstanding;
    private final Map<Long, Integer> spokeOfTask = new HashMap<>();
    private final List<Batch> batches = new ArrayList<>();
    private final List<Cancel> cancels = new ArrayList<>();
    private final List<Reply> replies = new ArrayList<>();
    private final List<Integer> kills = new ArrayList<>();
    private int refusals;
    private int restarts;

    FakeTransport(final int spokes)
    {
        ready = new boolean[spokes];
        refusing = new boolean[spokes];
        givenUp = new String[spokes];
        running = new long[spokes];
        mostOutstanding = new int[spokes];
        Arrays.fill(ready, true);
        Arrays.fill(running, SpokeSlotDescriptor.NO_TASK);
    }

    @Override
    public int spokeCount()
    {
        return ready.length;
    }

    @Override
    public boolean isReady(final int spokeId)
    {
        return ready[spokeId];
    }

    @Override
    public String unavailable(final int spokeId)
    {
        return givenUp[spokeId];
    }

    /**
     * A spoke is idle when it runs nothing and every task sent to it has had its status sent.
     */
    @Override
    public boolean isIdle(final int spokeId)
    {
        return ready[spokeId] && SpokeSlotDescriptor.NO_TASK == running[spokeId] && 0 == outstanding(spokeId);
    }

    @Override
    public boolean send(final int spokeId, final List<FarmTask> tasks, final long runId, final int flags)
    {
        if (refusing[spokeId])
        {
            refusals++;
            return false;
        }
        final List<Long> ids = new ArrayList<>();
        final List<Integer> attempts = new ArrayList<>();
        for (final FarmTask task : tasks)
        {
            ids.add(task.id);
            attempts.add(task.attempt);
            spokeOfTask.put(task.id, spokeId);
        }
        batches.add(new Batch(spokeId, ids, attempts, runId, flags));
        mostOutstanding[spokeId] = Math.max(mostOutstanding[spokeId], outstanding(spokeId));
        return true;
    }

    @Override
    public void reply(
        final int spokeId, final long correlationId, final long taskId, final int attempt, final DirectBuffer reply,
        final int length)
    {
        final byte[] bytes = new byte[length];
        reply.getBytes(0, bytes);
        replies.add(new Reply(spokeId, correlationId, taskId, attempt, bytes));
    }

    @Override
    public long runningTask(final int spokeId)
    {
        return running[spokeId];
    }

    @Override
    public void cancel(final int spokeId, final long taskId)
    {
        cancels.add(new Cancel(spokeId, taskId));
    }

    @Override
    public long kill(final int spokeId)
    {
        kills.add(spokeId);
        running[spokeId] = SpokeSlotDescriptor.NO_TASK;
        spokeOfTask.values().removeIf(spoke -> spoke == spokeId);
        return FIRST_PID + spokeId;
    }

    @Override
    public void restartAll()
    {
        restarts++;
        Arrays.fill(running, SpokeSlotDescriptor.NO_TASK);
        spokeOfTask.clear();
    }

    void ready(final int spokeId, final boolean isReady)
    {
        ready[spokeId] = isReady;
    }

    void refuse(final int spokeId, final boolean refuse)
    {
        refusing[spokeId] = refuse;
    }

    /**
     * The spoke will never take tasks again, for this reason.
     */
    void giveUp(final int spokeId, final String why)
    {
        ready[spokeId] = false;
        givenUp[spokeId] = why;
    }

    /**
     * The spoke's slot now names this task, as a spoke's does while it runs one.
     */
    void running(final int spokeId, final long taskId)
    {
        running[spokeId] = taskId;
    }

    void idle(final int spokeId)
    {
        running[spokeId] = SpokeSlotDescriptor.NO_TASK;
    }

    /**
     * The spoke has sent a status for the task: it no longer counts as outstanding there.
     */
    void finished(final long taskId)
    {
        spokeOfTask.remove(taskId);
    }

    int outstanding(final int spokeId)
    {
        return (int)spokeOfTask.values().stream().filter(spoke -> spoke == spokeId).count();
    }

    /**
     * @return the most tasks ever outstanding on the spoke at once.
     */
    int mostOutstanding(final int spokeId)
    {
        return mostOutstanding[spokeId];
    }

    /**
     * @return the batches sent since the last call, in order; forgotten.
     */
    List<Batch> takeBatches()
    {
        final List<Batch> taken = List.copyOf(batches);
        batches.clear();
        return taken;
    }

    List<Cancel> cancels()
    {
        return cancels;
    }

    List<Reply> replies()
    {
        return replies;
    }

    List<Integer> kills()
    {
        return kills;
    }

    int refusals()
    {
        return refusals;
    }

    int restarts()
    {
        return restarts;
    }
}

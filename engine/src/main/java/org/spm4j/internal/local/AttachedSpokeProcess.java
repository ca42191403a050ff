package org.spm4j.internal.local;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.spm4j.shm.SpokeSlot;
import org.spm4j.shm.SpokeState;

/**
 * A spoke that attaches to its slot from outside the hub, for instance started by {@code spm spokes}. It is
 * known by the pid it writes into the slot; until then the slot waits for it and counts as alive. Hub
 * thread only.
 */
public final class AttachedSpokeProcess implements SpokeProcess
{
    private final SpokeSlot slot;
    private long pid;
    private ProcessHandle process;

    AttachedSpokeProcess(final SpokeSlot slot)
    {
        this.slot = slot;
    }

    @Override
    public long pid()
    {
        isAlive();
        return pid;
    }

    @Override
    public boolean isAlive()
    {
        if (0 == pid)
        {
            final long attachedPid = SpokeState.EMPTY == slot.stateVolatile() ? 0 : slot.pidVolatile();
            if (0 == attachedPid)
            {
                return true;
            }
            pid = attachedPid;
            process = ProcessHandle.of(attachedPid).orElse(null);
        }
        return null != process && process.isAlive();
    }

    @Override
    public void kill()
    {
        if (isAlive() && null != process)
        {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
        }
    }

    @Override
    public boolean awaitExit(final Duration timeout)
    {
        if (!isAlive() || null == process)
        {
            return true;
        }
        try
        {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        }
        catch (final TimeoutException | ExecutionException ex)
        {
            return !process.isAlive();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String exitDescription()
    {
        return "attached spoke process " + pid + " is gone";
    }
}

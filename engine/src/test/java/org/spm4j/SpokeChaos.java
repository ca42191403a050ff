package org.spm4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.spm4j.internal.PoolSnapshot;
import org.spm4j.internal.spoke.SpokeMain;
import org.spm4j.shm.SpokeState;

/**
 * The chaos thread of a {@link ChaosRun}: every period until its end it hits the pool's spokes as its
 * {@link ChaosMode} says, and remembers every pid it hit. Closing it stops the thread and SIGKILLs every process
 * it stopped that still lives, so that none outlives a run, even a failed one. Thread-safe.
 */
final class SpokeChaos implements AutoCloseable
{
    private static final long SIGNAL_TIMEOUT_S = 10;

    private final ChaosMode mode;
    private final long periodMs;
    private final Random random = new Random(42);
    private final Set<Long> killed = ConcurrentHashMap.newKeySet();
    private final Set<Long> stopped = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private boolean stopNext;
    private Thread thread;

    /**
     * @param mode     what to do to spokes.
     * @param periodMs how often.
     */
    SpokeChaos(final ChaosMode mode, final long periodMs)
    {
        this.mode = mode;
        this.periodMs = periodMs;
    }

    /**
     * @param poolFile where the pool's spokes are listed.
     * @param endNs    when to stop, by {@link System#nanoTime()}.
     */
    synchronized void start(final Path poolFile, final long endNs)
    {
        thread = new Thread(() -> run(poolFile, endNs), "spm4j-chaos");
        thread.start();
    }

    /**
     * @return distinct spokes SIGKILLed.
     */
    int kills()
    {
        return killed.size();
    }

    /**
     * @return distinct spokes SIGSTOPped.
     */
    int stops()
    {
        return stopped.size();
    }

    /**
     * @return every pid killed or stopped.
     */
    Set<Long> hitPids()
    {
        final Set<Long> hit = new HashSet<>(killed);
        hit.addAll(stopped);
        return hit;
    }

    /**
     * Stop hitting spokes; wait for the thread.
     */
    synchronized void stop()
    {
        running = false;
        if (null != thread)
        {
            thread.interrupt();
            try
            {
                thread.join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close()
    {
        stop();
        stopped.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private void run(final Path poolFile, final long endNs)
    {
        while (running && System.nanoTime() < endNs)
        {
            try
            {
                Thread.sleep(periodMs);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            if (running)
            {
                hit(poolFile);
            }
        }
    }

    private void hit(final Path poolFile)
    {
        if (ChaosMode.MASSACRE == mode)
        {
            ProcessHandle.current().children()
                .filter(child -> child.info().commandLine().orElse("").contains(SpokeMain.class.getName()))
                .forEach(this::kill);
            return;
        }
        final List<Long> serving = PoolSnapshot.read(poolFile, System.currentTimeMillis()).spokes().stream()
            .filter(spoke -> SpokeState.READY == spoke.state() || SpokeState.BUSY == spoke.state())
            .map(PoolSnapshot.Spoke::pid)
            .filter(pid -> !killed.contains(pid) && !stopped.contains(pid))
            .toList();
        if (serving.isEmpty())
        {
            return;
        }
        final long pid = serving.get(random.nextInt(serving.size()));
        if (stopNext)
        {
            sigstop(pid);
        }
        else
        {
            ProcessHandle.of(pid).ifPresent(this::kill);
        }
        stopNext = ChaosMode.STOP == mode && !stopNext;
    }

    private void kill(final ProcessHandle process)
    {
        if (process.destroyForcibly())
        {
            killed.add(process.pid());
        }
    }

    /**
     * A spoke killed by the hub as frozen must still count as stopped, so the pid is noted before the signal; the
     * wait for {@code kill} outlasts an interrupt, as a signal under way must be known to have gone or not.
     */
    private void sigstop(final long pid)
    {
        stopped.add(pid);
        final Process kill;
        try
        {
            kill = new ProcessBuilder("kill", "-STOP", Long.toString(pid)).inheritIO().start();
        }
        catch (final IOException ex)
        {
            stopped.remove(pid);
            return;
        }
        boolean interrupted = false;
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(SIGNAL_TIMEOUT_S);
        while (kill.isAlive() && System.nanoTime() < deadlineNs)
        {
            try
            {
                kill.waitFor(deadlineNs - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (kill.isAlive() || 0 != kill.exitValue())
        {
            kill.destroyForcibly();
            stopped.remove(pid);
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }
}

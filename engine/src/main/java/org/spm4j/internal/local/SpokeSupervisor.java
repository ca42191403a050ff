package org.spm4j.internal.local;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.spm4j.internal.spoke.SpokeCommand;
import org.spm4j.internal.spoke.SpokeMain;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.SpokeSlot;
import org.spm4j.shm.SpokeState;

/**
 * Starts spokes that attach to a pool waiting for external spokes, and keeps them there: a spoke that dies
 * while the pool lives is started again once the hub has freed its slot, unless it died before READY
 * {@value FailedStarts#MAX_IN_A_ROW} times in a row; after a death before READY, only once a backoff has passed too.
 * Runs until every spoke has stopped: when the hub closes the pool, or dies. Used by {@code spm spokes}. Not
 * thread-safe.
 */
public final class SpokeSupervisor implements AutoCloseable
{
    private static final long POLL_MS = 20;

    private final EpochClock clock = SystemEpochClock.INSTANCE;
    private final PoolFile poolFile;
    private final SpokeCommand command;
    private final int processorsPerSpoke;
    private final PrintStream log;
    private final Supervised[] spokes;
    private int restarts;
    private int abandoned;

    /**
     * @param poolDirectory the pool's directory.
     * @param count         how many spokes to start, 0 for one per empty slot.
     * @param log           where to say what happens to the spokes.
     * @throws org.spm4j.shm.ProtocolException   if the pool file is not a live pool's.
     * @throws IllegalArgumentException          if the pool has fewer than {@code count} empty slots, or its
     *                                           spoke command is malformed.
     * @throws java.io.UncheckedIOException      if the spoke command cannot be read.
     */
    public SpokeSupervisor(final Path poolDirectory, final int count, final PrintStream log)
    {
        this.command = SpokeCommand.load(poolDirectory.resolve(SpokeCommand.FILE_NAME));
        this.poolFile = PoolFile.open(command.poolFile(), clock, PoolFile.HUB_HEARTBEAT_TIMEOUT_MS);
        this.log = log;
        final int empty = emptySlots();
        if (0 == empty || empty < count)
        {
            poolFile.close();
            throw new IllegalArgumentException("pool " + poolDirectory.getFileName() + " has " + empty + " empty " +
                "spoke slot" + (1 == empty ? "" : "s") + " of " + poolFile.layout().spokeCount() +
                (0 == empty ? ": its hub launches its own spokes, or others are attached already" : ", not " + count));
        }
        this.spokes = new Supervised[0 == count ? empty : count];
        this.processorsPerSpoke = Math.max(1, Runtime.getRuntime().availableProcessors() / spokes.length);
        for (int i = 0; i < spokes.length; i++)
        {
            spokes[i] = new Supervised("external spoke " + (i + 1));
        }
    }

    /**
     * @return the number of empty slots of the pool.
     */
    public int emptySlots()
    {
        int empty = 0;
        for (int spokeId = 0; spokeId < poolFile.layout().spokeCount(); spokeId++)
        {
            empty += SpokeState.EMPTY == poolFile.spokeSlot(spokeId).stateVolatile() ? 1 : 0;
        }
        return empty;
    }

    /**
     * Start the spokes and look after them until all have stopped.
     *
     * @return the number of spokes given up on because they kept dying before READY or the hub died.
     * @throws InterruptedException if interrupted; the spokes are left running, {@link #close()} kills them.
     */
    public int run() throws InterruptedException
    {
        for (final Supervised spoke : spokes)
        {
            spoke.start();
        }
        while (!allStopped())
        {
            for (final Supervised spoke : spokes)
            {
                spoke.check();
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
        return abandoned;
    }

    /**
     * @return how many spokes this supervisor keeps in the pool.
     */
    public int spokeCount()
    {
        return spokes.length;
    }

    /**
     * @return how many spokes were started again after they died.
     */
    public int restarts()
    {
        return restarts;
    }

    /**
     * Kill the spokes still running, and unmap the pool file.
     */
    @Override
    public void close()
    {
        for (final Supervised spoke : spokes)
        {
            spoke.kill();
        }
        poolFile.close();
    }

    private boolean allStopped()
    {
        for (final Supervised spoke : spokes)
        {
            if (!spoke.stopped)
            {
                return false;
            }
        }
        return true;
    }

    private boolean poolAlive()
    {
        return Files.exists(command.poolFile()) && poolFile.hubIdentity().isAlive();
    }

    private int startingElsewhere()
    {
        int starting = 0;
        for (final Supervised spoke : spokes)
        {
            starting += null != spoke.process && spoke.spokeId < 0 ? 1 : 0;
        }
        return starting;
    }

    private int slotOf(final long pid)
    {
        for (int spokeId = 0; spokeId < poolFile.layout().spokeCount(); spokeId++)
        {
            if (pid == poolFile.spokeSlot(spokeId).pidVolatile())
            {
                return spokeId;
            }
        }
        return -1;
    }

    /**
     * One spoke this supervisor keeps in the pool, across the processes that serve as it.
     */
    private final class Supervised
    {
        private final String name;
        private ChildSpokeProcess process;
        private int spokeId = -1;
        private boolean ready;
        private final FailedStarts failedStarts = new FailedStarts();
        private boolean stopped;

        Supervised(final String name)
        {
            this.name = name;
        }

        void start()
        {
            process = ChildSpokeProcess.launch(name, command.commandLine(SpokeCommand.ANY_FREE_SLOT,
                processorsPerSpoke));
            spokeId = -1;
            ready = false;
        }

        void check()
        {
            if (stopped)
            {
                return;
            }
            if (null == process)
            {
                startWhenSlotIsFree();
            }
            else if (process.isAlive())
            {
                watchAttach();
            }
            else
            {
                onExit();
            }
        }

        void kill()
        {
            if (null != process && process.isAlive())
            {
                process.kill();
            }
        }

        private void watchAttach()
        {
            if (spokeId < 0)
            {
                spokeId = slotOf(process.pid());
                if (spokeId >= 0)
                {
                    log.println(name + " (pid " + process.pid() + ") attached as spoke " + spokeId);
                }
            }
            if (spokeId >= 0 && !ready)
            {
                final SpokeSlot slot = poolFile.spokeSlot(spokeId);
                ready = process.pid() == slot.pidVolatile() && SpokeState.READY == slot.stateVolatile();
                if (ready)
                {
                    failedStarts.ready();
                }
            }
        }

        /**
         * As in the hub, only a spoke's own exit before READY is a failed start; one killed while it starts
         * starts again at once.
         */
        private void onExit()
        {
            final int status = process.exitValue();
            final boolean diedStarting = !ready && !process.wasKilled();
            if (0 == status && stoppedByHub())
            {
                stop(name + " stopped: its pool closed");
            }
            else if (SpokeMain.HUB_GONE == status || !poolAlive())
            {
                abandoned++;
                stop(name + " stopped: the hub of its pool is gone");
            }
            else if (!failedStarts.died(diedStarting))
            {
                abandoned++;
                stop(name + " died " + FailedStarts.MAX_IN_A_ROW + " times before it was READY and is not started " +
                    "again; the last one " + process.exitDescription());
            }
            else
            {
                if (diedStarting)
                {
                    failedStarts.waitFrom(clock.time());
                }
                log.println(name + " (pid " + process.pid() + ") " + process.exitDescription() +
                    System.lineSeparator() + name + " starts again once the hub has freed its slot" +
                    (diedStarting ? " and " + failedStarts.backoffMs() + " ms have passed" : ""));
                process = null;
            }
        }

        /**
         * A spoke told to stop marks its slot EXITED; one that called System.exit(0) in a task does not.
         */
        private boolean stoppedByHub()
        {
            final int slotId = spokeId >= 0 ? spokeId : slotOf(process.pid());
            if (slotId < 0)
            {
                return false;
            }
            final SpokeSlot slot = poolFile.spokeSlot(slotId);
            return process.pid() == slot.pidVolatile() && SpokeState.EXITED == slot.stateVolatile();
        }

        private void startWhenSlotIsFree()
        {
            if (!poolAlive())
            {
                abandoned++;
                stop(name + " not started again: the hub of its pool is gone");
            }
            else if (failedStarts.isWaiting() && !failedStarts.waitIsOver(clock.time()))
            {
                return;
            }
            else if (emptySlots() > startingElsewhere())
            {
                restarts++;
                start();
            }
        }

        private void stop(final String why)
        {
            log.println(why);
            stopped = true;
            process = null;
        }
    }
}

package org.spm4j.internal.spoke;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.spm4j.Codec;
import org.spm4j.SpokeIdle;
import org.spm4j.internal.closure.ClosureCache;
import org.spm4j.internal.codec.AllowListFilter;
import org.spm4j.internal.codec.Codecs;
import org.spm4j.internal.codec.JavaSerialization;
import org.spm4j.internal.codec.LargeValues;
import org.spm4j.internal.journal.Journals;
import org.spm4j.internal.journal.ThrowableText;
import org.spm4j.internal.task.LazyAppender;
import org.spm4j.internal.task.TaskEvaluator;
import org.spm4j.shm.HubIdentity;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.SpokeSlot;
import org.spm4j.shm.SpokeState;
import org.spm4j.shm.ValueSegments;
import org.spm4j.shm.closure.ClosureTableReader;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageLimits;

/**
 * Entry point of a spoke JVM: attach to the pool file, register in the slot, and run the duty cycle
 * until the hub says stop or dies. The spoke's queue of the error journal opens at its first failure, so a spoke
 * that never fails never pays for it (Chronicle's start-up touches tens of megabytes of heap), or in the background
 * as the first task with a deadline starts, whose failure must not wait for it. Whatever
 * ends the duty cycle, the watchdog, which writes to the pool file, is stopped before the file is unmapped;
 * the spoke halts instead of unmapping if it will not stop.
 * <p>
 * Arguments: {@code <pool.shm> <spoke id|any> <BUSY_SPIN|BACKOFF> <journal dir> <inbox capacity>
 * <codec class|default> [allow patterns]}. With {@code any} the spoke claims the first empty slot of a pool that
 * waits for external spokes.
 */
public final class SpokeMain
{
    /** Exit status when the spoke cannot attach: a bad pool file, or no empty slot to claim. */
    public static final int CANNOT_ATTACH = 2;
    /** Exit status when the hub died. */
    public static final int HUB_GONE = 3;
    /** Exit status when the duty cycle failed: something thrown outside any task, reported on stderr. */
    public static final int DUTY_CYCLE_FAILED = 4;

    private static final long WATCH_PERIOD_MS = 200;
    private static final long WATCHDOG_STOP_WAIT_MS = 5_000;

    private SpokeMain()
    {
    }

    /**
     * @param args see the class description.
     */
    public static void main(final String[] args)
    {
        if (args.length < 6)
        {
            System.err.println("usage: SpokeMain <pool.shm> <spoke id|any> <BUSY_SPIN|BACKOFF> <journal dir> " +
                "<inbox capacity> <codec class|default> [allow patterns, comma separated]");
            System.exit(CANNOT_ATTACH);
        }
        final Path poolPath = Path.of(args[0]);
        final boolean claim = SpokeCommand.ANY_FREE_SLOT.equals(args[1]);
        final SpokeIdle idle = SpokeIdle.valueOf(args[2]);
        final Path journalDirectory = Path.of(args[3]);
        final int inboxCapacity = Integer.parseInt(args[4]);
        final String codecClass = args[5];
        final List<String> allowed = args.length > 6 && !args[6].isEmpty() ?
            Arrays.asList(args[6].split(",")) : List.of();

        final PoolFile poolFile;
        try
        {
            poolFile = PoolFile.open(poolPath, SystemEpochClock.INSTANCE, PoolFile.HUB_HEARTBEAT_TIMEOUT_MS);
        }
        catch (final ProtocolException ex)
        {
            System.err.println("spoke " + args[1] + " cannot attach: " + ex.getMessage());
            System.exit(CANNOT_ATTACH);
            return;
        }
        final long pid = ProcessHandle.current().pid();
        final int spokeId = claim ? claimEmptySlot(poolFile, pid) : Integer.parseInt(args[1]);
        if (spokeId < 0)
        {
            System.err.println("spoke cannot attach: every one of the " + poolFile.layout().spokeCount() +
                " slots of " + poolPath + " is taken");
            poolFile.close();
            System.exit(CANNOT_ATTACH);
        }

        final int status;
        try (poolFile;
            LazyAppender journal = LazyAppender.owning(() -> Journals.openSpokeQueue(journalDirectory, spokeId)))
        {
            status = serve(poolFile, spokeId, new Settings(idle, inboxCapacity, codecClass, allowed), journal);
        }
        if (0 != status)
        {
            System.exit(status);
        }
    }

    private record Settings(SpokeIdle idle, int inboxCapacity, String codecClass, List<String> allowed)
    {
    }

    /**
     * @return the exit status: 0 when the hub said stop, {@link #DUTY_CYCLE_FAILED} when something was thrown.
     */
    private static int serve(
        final PoolFile poolFile, final int spokeId, final Settings settings, final LazyAppender journal)
    {
        final SpokeSlot slot = poolFile.spokeSlot(spokeId);
        slot.pidRelease(ProcessHandle.current().pid());
        slot.heartbeatRelease(System.currentTimeMillis());
        final Thread watchdog = watchHub(poolFile.hubIdentity(), slot);
        int status = 0;
        try
        {
            runDutyCycle(poolFile, spokeId, settings, journal);
        }
        catch (final Throwable ex)
        {
            status = DUTY_CYCLE_FAILED;
            report(spokeId, ex);
        }
        finally
        {
            if (!stop(watchdog))
            {
                Runtime.getRuntime().halt(DUTY_CYCLE_FAILED);
            }
        }
        if (0 == status)
        {
            slot.stateRelease(SpokeState.EXITED);
        }
        return status;
    }

    private static void runDutyCycle(
        final PoolFile poolFile, final int spokeId, final Settings settings, final LazyAppender journal)
    {
        final JavaSerialization serialization = new JavaSerialization(new AllowListFilter(settings.allowed()));
        final Codec codec = Codecs.create(settings.codecClass(), serialization);
        final WaitLimits limits = new WaitLimits(
            SystemNanoClock.INSTANCE, SystemEpochClock.INSTANCE, poolFile::hubHeartbeatVolatile);
        final SpokeAgent agent = new SpokeAgent(spokeId, Inbox.outboxOf(poolFile, spokeId), spokeInboxes(poolFile),
            spokeSlots(poolFile), limits, SystemNanoClock.INSTANCE, new BackoffIdleStrategy());
        final PoolDirectory pool = PoolDirectory.of(poolFile.path().getParent());
        agent.use(new TaskEvaluator(pool.poolId(), spokeId,
            new ClosureCache(new ClosureTableReader(poolFile.closureTableBuffer()), serialization),
            new LargeValues(codec, ValueSegments.ofSpoke(pool, spokeId)), journal, new SpokeMessenger(codec, agent),
            MessageLimits.maxResultLength(settings.inboxCapacity())));

        poolFile.spokeSlot(spokeId).stateRelease(SpokeState.READY);
        final IdleStrategy idleStrategy = SpokeIdle.BUSY_SPIN == settings.idle() ?
            new BusySpinIdleStrategy() : new BackoffIdleStrategy(100, 100, 1_000, 1_000_000);
        while (!agent.isShutdownRequested())
        {
            idleStrategy.idle(agent.doWork());
        }
    }

    /**
     * Told without trusting the throwable, which may be a task's: its own methods may throw too.
     */
    private static void report(final int spokeId, final Throwable failure)
    {
        try
        {
            System.err.println("spoke " + spokeId + " (pid " + ProcessHandle.current().pid() + ") stops: its " +
                "duty cycle failed" + System.lineSeparator() + ThrowableText.stackTrace(failure));
        }
        catch (final Throwable ex)
        {
            System.err.println("spoke " + spokeId + " stops: its duty cycle failed with " +
                failure.getClass().getName());
        }
    }

    private static int claimEmptySlot(final PoolFile poolFile, final long pid)
    {
        for (int spokeId = 0; spokeId < poolFile.layout().spokeCount(); spokeId++)
        {
            if (poolFile.spokeSlot(spokeId).tryClaim(pid))
            {
                return spokeId;
            }
        }
        return -1;
    }

    private static Inbox[] spokeInboxes(final PoolFile poolFile)
    {
        final Inbox[] inboxes = new Inbox[poolFile.layout().spokeCount()];
        for (int spokeId = 0; spokeId < inboxes.length; spokeId++)
        {
            inboxes[spokeId] = Inbox.ofSpoke(poolFile, spokeId);
        }
        return inboxes;
    }

    private static SpokeSlot[] spokeSlots(final PoolFile poolFile)
    {
        final SpokeSlot[] slots = new SpokeSlot[poolFile.layout().spokeCount()];
        for (int spokeId = 0; spokeId < slots.length; spokeId++)
        {
            slots[spokeId] = poolFile.spokeSlot(spokeId);
        }
        return slots;
    }

    /**
     * A spoke must never outlive its hub: halt as soon as the hub process is gone, whatever the task
     * thread is doing.
     */
    private static Thread watchHub(final HubIdentity hub, final SpokeSlot slot)
    {
        final Thread watchdog = new Thread(() ->
        {
            while (!Thread.currentThread().isInterrupted())
            {
                slot.heartbeatRelease(System.currentTimeMillis());
                if (!hub.isAlive())
                {
                    slot.stateRelease(SpokeState.EXITED);
                    Runtime.getRuntime().halt(HUB_GONE);
                }
                try
                {
                    Thread.sleep(WATCH_PERIOD_MS);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
            }
        }, "spm4j-hub-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        return watchdog;
    }

    /**
     * The watchdog writes to the mapped slot, so it must be gone before the pool file is unmapped. An
     * interrupt a task left on this thread must not cut the wait short.
     *
     * @return true if it has stopped.
     */
    private static boolean stop(final Thread watchdog)
    {
        boolean interrupted = Thread.interrupted();
        watchdog.interrupt();
        final long deadlineMs = System.currentTimeMillis() + WATCHDOG_STOP_WAIT_MS;
        long leftMs;
        while (watchdog.isAlive() && (leftMs = deadlineMs - System.currentTimeMillis()) > 0)
        {
            try
            {
                watchdog.join(leftMs);
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
        return !watchdog.isAlive();
    }
}

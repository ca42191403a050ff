package org.spm4j.internal.local;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.spm4j.ParallelInvariantException;
import org.spm4j.PoolFailedException;
import org.spm4j.SpokeIdle;
import org.spm4j.internal.AbstractPool;
import org.spm4j.internal.PoolConfig;
import org.spm4j.internal.codec.Codecs;
import org.spm4j.internal.farm.FarmCore;
import org.spm4j.internal.farm.HubCounters;
import org.spm4j.internal.farm.HubDriver;
import org.spm4j.internal.farm.Transport;
import org.spm4j.internal.journal.ChronicleHubJournal;
import org.spm4j.internal.journal.JournalRetention;
import org.spm4j.internal.journal.Journals;
import org.spm4j.internal.spoke.SpokeCommand;
import org.spm4j.internal.spoke.SpokeJdk;
import org.spm4j.internal.spoke.SpokeJvmOptions;
import org.spm4j.shm.HubIdentity;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.PoolLayout;
import org.spm4j.shm.StalePoolFinder;
import org.spm4j.shm.counters.PoolCounters;
import org.spm4j.shm.journal.ErrorJournal;

/**
 * A pool of spoke JVMs on this node, sharing one pool file with the hub. Starting it removes pool
 * directories of dead hubs, launches every spoke at once and returns when all are READY.
 */
public final class LocalPool extends AbstractPool
{
    private static final long STALE_CREATION_GRACE_MS = TimeUnit.MINUTES.toMillis(1);
    private static final int MIN_COUNTERS = 1024;
    /** Counters a spoke has (four of tasks, two of occupancy), with room to spare; the totals count as a spoke. */
    private static final int COUNTERS_PER_SPOKE = 8;

    private final PoolDirectory directory;
    private final PoolFile poolFile;
    private final LocalTransport transport;
    private final ChronicleHubJournal journal;
    private final HubCounters counters;
    private final HubAgent hub;
    private final AgentRunner hubRunner;
    private final Thread shutdownHook;
    private boolean closed;

    /**
     * @param config options.
     * @throws IllegalStateException naming the spoke that failed to start, with the end of its stderr.
     */
    public LocalPool(final PoolConfig config)
    {
        super(config);
        removeStalePools(config.root());
        directory = PoolDirectory.create(config.root(), id);
        final Path journalDirectory = null != config.persistentJournal() ?
            config.persistentJournal() : directory.journalDirectory();
        poolFile = createPoolFile(config);
        useClosureTable(poolFile.closureTableBuffer());
        counters = HubCounters.allocate(PoolCounters.manager(poolFile), config.spokes());

        final SpokeCommand spokeCommand = spokeCommand(config, poolFile.path(), journalDirectory);
        spokeCommand.store(directory.path().resolve(SpokeCommand.FILE_NAME));
        transport = new LocalTransport(poolFile,
            config.externalSpokes() ? new ExternalSpokes() : new SpokeLauncher(config, spokeCommand),
            config.heartbeatTimeout().toMillis());
        shutdownHook = new Thread(this::killAndRemove, "spm4j-pool-" + id + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        final CompletableFuture<ErrorJournal> errorJournal =
            CompletableFuture.supplyAsync(() -> Journals.open(journalDirectory));
        try
        {
            transport.launchAll();
            if (config.externalSpokes())
            {
                System.err.println("spm4j: pool " + id + " waits up to " + config.startTimeout().toSeconds() +
                    " s for " + config.spokes() + " spokes to attach; start them with: " + spokesCommand());
            }
            awaitReady();
            journal = new ChronicleHubJournal(
                errorJournal.join(), id, filter, JournalRetention.of(null != config.persistentJournal()));
        }
        catch (final RuntimeException | Error ex)
        {
            errorJournal.thenAccept(ErrorJournal::close);
            killAndRemove();
            removeShutdownHook();
            throw ex;
        }

        hub = new HubAgent(id, journal, this::onHubFailed, poolFile, transport, counters,
            SystemEpochClock.INSTANCE, SystemNanoClock.INSTANCE, config.idle());
        hubRunner = new AgentRunner(hubIdleStrategy(config.idle()), this::reportHubError, null, hub);
        AgentRunner.startOnThread(hubRunner);
    }

    @Override
    public int spokeCount()
    {
        return config.spokes();
    }

    @Override
    public boolean isSerial()
    {
        return false;
    }

    /**
     * @return the pool directory.
     */
    public Path directory()
    {
        return directory.path();
    }

    /**
     * @param spokeId a spoke.
     * @return its process id now.
     */
    public long spokePid(final int spokeId)
    {
        return transport.process(spokeId).pid();
    }

    @Override
    public Path journalDirectory()
    {
        return journal.directory();
    }

    @Override
    protected ChronicleHubJournal journal()
    {
        return journal;
    }

    @Override
    protected HubCounters counters()
    {
        return counters;
    }

    @Override
    protected Transport transport()
    {
        return transport;
    }

    @Override
    protected HubDriver driverFor(final FarmCore core)
    {
        return hub.attach(core);
    }

    /**
     * Closing from the hub thread (a callback) would wait for that thread to end, which it never could.
     *
     * @throws ParallelInvariantException if called on the hub thread.
     */
    @Override
    public void close()
    {
        if (hub.isHubThread())
        {
            throw new ParallelInvariantException("pool " + id + " was closed from a callback on its hub thread, " +
                "which the close would wait for; close it outside the callback");
        }
        closeOnce();
    }

    private synchronized void closeOnce()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        CloseHelper.quietClose(hubRunner);
        transport.stopAll(config.stopGrace());
        journal.close();
        poolFile.close();
        sharedArrays().closeAll();
        directory.delete();
        removeRootIfDefault();
        removeShutdownHook();
    }

    /**
     * A pool that does not fit its file system leaves no directory behind.
     */
    private PoolFile createPoolFile(final PoolConfig config)
    {
        try
        {
            return PoolFile.create(directory.poolFile(),
                PoolLayout.of(config.spokes(), config.inboxCapacity(), config.closureTableLength(),
                    Math.max(MIN_COUNTERS, COUNTERS_PER_SPOKE * (config.spokes() + 1))),
                HubIdentity.current(), System.currentTimeMillis());
        }
        catch (final RuntimeException ex)
        {
            try
            {
                directory.delete();
            }
            catch (final RuntimeException notRemoved)
            {
                ex.addSuppressed(notRemoved);
            }
            throw ex;
        }
    }

    private void awaitReady()
    {
        final long deadlineNs = System.nanoTime() + config.startTimeout().toNanos();
        final IdleStrategy idle = new BackoffIdleStrategy(10, 10, 10_000, 1_000_000);
        while (true)
        {
            // a spoke refuses a pool whose hub heartbeat is older than PoolFile.HUB_HEARTBEAT_TIMEOUT_MS
            poolFile.hubHeartbeatRelease(System.currentTimeMillis());
            final int progress = transport.startProgress();
            if (-2 == progress)
            {
                return;
            }
            if (progress >= 0)
            {
                final SpokeProcess failed = transport.process(progress);
                failed.awaitExit(java.time.Duration.ofSeconds(1));
                throw new IllegalStateException("spoke " + progress + " of pool " + id + " died before it was " +
                    "READY: it " + failed.exitDescription());
            }
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException(transport.readyCount() + " of " + config.spokes() + " spokes of pool " +
                    id + " were READY after " + config.startTimeout() + (config.externalSpokes() ?
                    "; start them with: " + spokesCommand() :
                    "; raise PoolBuilder.startTimeout if the node is loaded"));
            }
            idle.idle();
        }
    }

    private String spokesCommand()
    {
        return "spm spokes --pool " + id + " -n " + config.spokes() +
            (config.root().equals(PoolDirectory.defaultRoot()) ? "" : " --root " + config.root());
    }

    /**
     * A pool closed while the JVM shuts down (by another shutdown hook) keeps its hook, which does no harm.
     */
    private void removeShutdownHook()
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (final IllegalStateException shutdownInProgress)
        {
            // the hook runs or has run; nothing is left for it to do twice
        }
    }

    private void killAndRemove()
    {
        CloseHelper.quietClose(hubRunner);
        transport.killAll();
        directory.delete();
    }

    /**
     * On the hub thread, every task already failed: nothing of the pool may outlive it.
     */
    private void onHubFailed(final PoolFailedException failure)
    {
        System.err.println("spm4j: " + failure.getMessage() + "; its tasks failed and its spokes are stopped");
        failure.getCause().printStackTrace();
        transport.killAll();
        directory.delete();
    }

    private void reportHubError(final Throwable error)
    {
        System.err.println("spm4j: hub of pool " + id + " caught an error; the pool carries on:");
        error.printStackTrace();
    }

    private static IdleStrategy hubIdleStrategy(final SpokeIdle idle)
    {
        return SpokeIdle.BUSY_SPIN == idle ? new BusySpinIdleStrategy() :
            new BackoffIdleStrategy(100, 100, 1_000, 100_000);
    }

    private static SpokeCommand spokeCommand(final PoolConfig config, final Path poolFile, final Path journal)
    {
        return new SpokeCommand(Path.of(System.getProperty("java.home"), "bin", "java"),
            SpokeJvmOptions.withDefaults(config.spokeJvmOptions(), SpokeJdk.current()),
            System.getProperty("java.class.path"), poolFile, config.idle(), journal, config.inboxCapacity(),
            null == config.codec() ? Codecs.DEFAULT : config.codec(), config.allowedClasses());
    }

    private static void removeStalePools(final Path root)
    {
        new StalePoolFinder(SystemEpochClock.INSTANCE, STALE_CREATION_GRACE_MS).findStale(root)
            .forEach(PoolDirectory::delete);
    }
}

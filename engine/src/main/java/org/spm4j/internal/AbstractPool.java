package org.spm4j.internal;

import java.util.concurrent.atomic.AtomicLong;

import org.agrona.concurrent.AtomicBuffer;
import org.spm4j.Closure;
import org.spm4j.Codec;
import org.spm4j.Coordinator;
import org.spm4j.Crew;
import org.spm4j.MemoryPlacement;
import org.spm4j.ParallelInvariantException;
import org.spm4j.Pool;
import org.spm4j.ShellFarm;
import org.spm4j.ShellResult;
import org.spm4j.SharedBytes;
import org.spm4j.SharedDoubles;
import org.spm4j.SharedInts;
import org.spm4j.SharedLongs;
import org.spm4j.SharedMemory;
import org.spm4j.TaskClosure;
import org.spm4j.TaskFarm;
import org.spm4j.internal.closure.ClosureRegistry;
import org.spm4j.internal.codec.AllowListFilter;
import org.spm4j.internal.codec.Codecs;
import org.spm4j.internal.codec.JavaSerialization;
import org.spm4j.internal.codec.LargeValues;
import org.spm4j.internal.farm.CrewImpl;
import org.spm4j.internal.farm.FarmCore;
import org.spm4j.internal.farm.FarmHost;
import org.spm4j.internal.farm.FarmOptions;
import org.spm4j.internal.farm.HubCounters;
import org.spm4j.internal.farm.HubDriver;
import org.spm4j.internal.farm.TaskFarmImpl;
import org.spm4j.internal.farm.TaskQueueRoom;
import org.spm4j.internal.farm.Transport;
import org.spm4j.internal.journal.HubJournal;
import org.spm4j.internal.shell.ShellFarmImpl;
import org.spm4j.internal.shell.ShellFarmOptions;
import org.spm4j.internal.shell.ShellJob;
import org.spm4j.internal.shared.SharedArrays;
import org.spm4j.internal.shell.ShellTask;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.ValueSegments;
import org.spm4j.shm.closure.ClosureTableWriter;
import org.spm4j.shm.mailbox.MessageLimits;

/**
 * What serial and local pools share: closure definition, the one-manager-online invariant, sequence
 * points, codecs. Subclasses supply how tasks reach spokes.
 */
public abstract class AbstractPool implements Pool
{
    private static final AtomicLong POOL_SEQUENCE = new AtomicLong();
    private static final String RESERVED_PREFIX = "spm4j.";

    /** Options the pool was built with. */
    protected final PoolConfig config;
    /** Pool id, unique on this node. */
    protected final String id;
    /** Deserialization allow-list on this side. */
    protected final AllowListFilter filter;
    /** Java serialization through {@link #filter}. */
    protected final JavaSerialization serialization;
    /** Codec of task values. */
    protected final Codec codec;
    private final AtomicLong taskIds = new AtomicLong();
    private final SharedArrays sharedArrays;
    private final SharedMemory defaultPlacement;
    private ClosureRegistry closures;
    private Closure<ShellJob, ShellResult> shellClosure;
    private volatile String onlineManager;
    private long runs;
    private final FarmHost farmHost = new FarmHost()
    {
        @Override
        public void checkOwnClosure(final Closure<?, ?> closure)
        {
            AbstractPool.this.checkOwnClosure(closure);
        }

        @Override
        public int maxArgumentLength()
        {
            return MessageLimits.maxArgumentLength(config.inboxCapacity());
        }

        @Override
        public void offline()
        {
            AbstractPool.this.offline();
        }
    };

    /**
     * @param config options.
     */
    protected AbstractPool(final PoolConfig config)
    {
        this.config = config;
        this.id = null != config.name() ? config.name() :
            "p" + ProcessHandle.current().pid() + "-" + POOL_SEQUENCE.incrementAndGet();
        this.filter = new AllowListFilter(config.allowedClasses());
        this.serialization = new JavaSerialization(filter);
        this.codec = Codecs.create(config.codec(), serialization);
        this.sharedArrays = new SharedArrays(config.root().resolve(id));
        this.defaultPlacement = sharedArrays.placed(MemoryPlacement.DEFAULT);
    }

    /**
     * @param closureTable the closure table this pool's hub writes.
     */
    protected final void useClosureTable(final AtomicBuffer closureTable)
    {
        closures = new ClosureRegistry(new ClosureTableWriter(closureTable), serialization);
    }

    @Override
    public final <A, R> Closure<A, R> define(final String name, final TaskClosure<A, R> closure)
    {
        if (null != name && name.startsWith(RESERVED_PREFIX))
        {
            throw new IllegalArgumentException("closure name '" + name + "' starts with '" + RESERVED_PREFIX +
                "', which spm4j keeps for its own closures");
        }
        final String manager = onlineManager;
        if (null != manager)
        {
            throw new ParallelInvariantException("closure '" + name + "' defined while " + manager +
                " is online; closures may only be defined while offline, before a manager starts");
        }
        return closures.define(name, closure);
    }

    @Override
    public final TaskFarm.Builder taskFarm()
    {
        return new TaskFarm.Builder(this::startTaskFarm);
    }

    @Override
    public final Coordinator.Builder coordinator()
    {
        return new Coordinator.Builder(this::startTaskFarm);
    }

    @Override
    public final Crew.Builder crew()
    {
        return new Crew.Builder(this::startCrew, spokeCount());
    }

    @Override
    public final ShellFarm.Builder shellFarm()
    {
        return new ShellFarm.Builder(this::startShellFarm);
    }

    @Override
    public final SharedMemory sharedMemory(final MemoryPlacement placement)
    {
        return sharedArrays.placed(placement);
    }

    @Override
    public final SharedDoubles share(final double[] values)
    {
        return defaultPlacement.share(values);
    }

    @Override
    public final SharedLongs share(final long[] values)
    {
        return defaultPlacement.share(values);
    }

    @Override
    public final SharedInts share(final int[] values)
    {
        return defaultPlacement.share(values);
    }

    @Override
    public final SharedBytes share(final byte[] values)
    {
        return defaultPlacement.share(values);
    }

    @Override
    public final SharedDoubles allocateDoubles(final int length)
    {
        return defaultPlacement.allocateDoubles(length);
    }

    @Override
    public final SharedLongs allocateLongs(final int length)
    {
        return defaultPlacement.allocateLongs(length);
    }

    @Override
    public final SharedInts allocateInts(final int length)
    {
        return defaultPlacement.allocateInts(length);
    }

    @Override
    public final SharedBytes allocateBytes(final int length)
    {
        return defaultPlacement.allocateBytes(length);
    }

    /**
     * @return the shared arrays of this pool.
     */
    protected final SharedArrays sharedArrays()
    {
        return sharedArrays;
    }

    @Override
    public final String id()
    {
        return id;
    }

    /**
     * @return the hub's journal.
     */
    protected abstract HubJournal journal();

    /**
     * @param core the farm's state machine.
     * @return the driver that runs it on the hub thread.
     */
    protected abstract HubDriver driverFor(FarmCore core);

    /**
     * @return the counters the hub keeps, {@link HubCounters#NONE} by default.
     */
    protected HubCounters counters()
    {
        return HubCounters.NONE;
    }

    /**
     * @return how tasks reach spokes.
     */
    protected abstract Transport transport();

    /**
     * The default root is shared by every pool of this user; the last one out removes it.
     */
    protected final void removeRootIfDefault()
    {
        if (config.root().equals(PoolDirectory.defaultRoot()))
        {
            PoolDirectory.removeRootIfEmpty(config.root());
        }
    }

    protected final ClosureRegistry closures()
    {
        return closures;
    }

    private synchronized void offline()
    {
        onlineManager = null;
    }

    private void checkOwnClosure(final Closure<?, ?> closure)
    {
        if (!closure.name().equals(closures.name(closure.id())))
        {
            throw new IllegalArgumentException(closure + " was not defined in pool " + id);
        }
    }

    private Crew startCrew(final FarmOptions options)
    {
        if (!isSerial() && options.crewSize() > spokeCount())
        {
            throw new IllegalArgumentException("a crew of " + options.crewSize() + " ranks needs as many spokes; " +
                "pool " + id + " has " + spokeCount());
        }
        return new CrewImpl((TaskFarmImpl)startTaskFarm(options), options.crewSize());
    }

    private synchronized TaskFarm startTaskFarm(final FarmOptions options)
    {
        return startFarm(options);
    }

    /**
     * The shell closure is defined by the first shell farm, while the pool is still offline.
     */
    private synchronized ShellFarm startShellFarm(final ShellFarmOptions options)
    {
        checkOffline("shell farm");
        final int outputCap = options.outputCapWithin(
            MessageLimits.maxResultLength(config.inboxCapacity()), config.inboxCapacity());
        if (null == shellClosure)
        {
            shellClosure = closures.define(ShellTask.NAME, new ShellTask());
        }
        return new ShellFarmImpl(startFarm(options.farmOptions()), shellClosure, options.deadline(),
            outputCap);
    }

    private TaskFarm startFarm(final FarmOptions requested)
    {
        final FarmOptions options = isSerial() ? requested.onSerialPool() : requested;
        checkOffline(options.kind());
        final long runId = ++runs;
        counters().closuresPublished(closures.publish());
        final LargeValues values =
            new LargeValues(codec, ValueSegments.ofHub(PoolDirectory.of(config.root().resolve(id))));
        final FarmCore core = new FarmCore(options, transport(), journal(), values, closures, runId,
            MessageLimits.maxMessageLength(config.inboxCapacity()), counters());
        onlineManager = options.kind() + " run " + runId;
        return new TaskFarmImpl(farmHost, driverFor(core), core, values, onlineManager, taskIds,
            new TaskQueueRoom(options.queueLimit(), options.queueWait(), onlineManager));
    }

    private void checkOffline(final String kind)
    {
        if (null != onlineManager)
        {
            throw new ParallelInvariantException("cannot start a " + kind + ": " + onlineManager + " is online on " +
                "pool " + id + "; at most one manager may be online per pool");
        }
    }
}

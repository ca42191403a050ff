package org.spm4j;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.spm4j.internal.PoolConfig;
import org.spm4j.internal.local.LocalPool;
import org.spm4j.internal.serial.SerialPool;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.PoolLayout;

/**
 * Options of a pool. Defaults: one spoke per available processor, backoff idling, no placement, 30 s
 * start timeout, the journal inside the pool directory (removed on close), spoke JVMs sized for many per node
 * (see {@link #spokeJvmOption}). Not thread-safe.
 */
public final class PoolBuilder
{
    /** Seconds a spoke's heartbeat may age before the hub takes it for frozen, unless configured. */
    public static final int DEFAULT_SPOKE_HEARTBEAT_TIMEOUT_S = 5;

    private boolean serial;
    private String name;
    private boolean externalSpokes;
    private int spokes = Runtime.getRuntime().availableProcessors();
    private SpokeIdle idle = SpokeIdle.BACKOFF;
    private Placement placement = Placement.NONE;
    private Duration startTimeout = Duration.ofSeconds(30);
    private Duration stopGrace = Duration.ofSeconds(5);
    private Duration spokeHeartbeatTimeout = Duration.ofSeconds(DEFAULT_SPOKE_HEARTBEAT_TIMEOUT_S);
    private Path root = PoolDirectory.defaultRoot();
    private Path persistentJournal;
    private final List<String> allowedClasses = new ArrayList<>();
    private final List<String> spokeJvmOptions = new ArrayList<>();
    private int inboxCapacity = 1 << 20;
    private int closureTableLength = 16 << 20;
    private Class<? extends Codec> codec;

    PoolBuilder()
    {
    }

    /**
     * @param spokes number of spoke JVMs, at least 1.
     * @return this.
     */
    public PoolBuilder spokes(final int spokes)
    {
        if (spokes < 1 || spokes > PoolLayout.MAX_SPOKES)
        {
            throw new IllegalArgumentException("a pool has 1 to " + PoolLayout.MAX_SPOKES + " spokes: " + spokes);
        }
        this.spokes = spokes;
        return this;
    }

    /**
     * Run everything in the calling thread instead of spoke JVMs.
     *
     * @return this.
     */
    public PoolBuilder serial()
    {
        this.serial = true;
        return this;
    }

    /**
     * @param idle how idle spokes wait for work.
     * @return this.
     */
    public PoolBuilder idle(final SpokeIdle idle)
    {
        this.idle = Objects.requireNonNull(idle, "idle");
        return this;
    }

    /**
     * @param placement where spokes run.
     * @return this.
     */
    public PoolBuilder placement(final Placement placement)
    {
        this.placement = Objects.requireNonNull(placement, "placement");
        return this;
    }

    /**
     * Name the pool, so that other processes find it as {@code NAME} under the root: {@code spm stat NAME},
     * {@code spm spokes --pool NAME}. Unnamed pools get a unique id.
     *
     * @param name 1 to 64 letters, digits, '.', '_' and '-', not starting with a symbol; unique among live
     *             pools under the root.
     * @return this.
     * @throws IllegalArgumentException if the name is not of that form.
     */
    public PoolBuilder name(final String name)
    {
        PoolDirectory.checkPoolId(Objects.requireNonNull(name, "name"));
        this.name = name;
        return this;
    }

    /**
     * Do not launch spokes; wait for spokes started outside this program to attach, for instance with
     * {@code spm spokes --pool NAME -n N} under {@code numactl} or {@code taskset}. {@link #build()} waits up to the
     * start timeout for all of them to be READY. A spoke that dies is not relaunched by the hub: its task goes
     * through the error policy as usual, and its slot waits for another spoke to attach ({@code spm spokes} starts
     * one).
     *
     * @return this.
     */
    public PoolBuilder externalSpokes()
    {
        this.externalSpokes = true;
        return this;
    }

    /**
     * @param startTimeout how long spokes may take to become READY.
     * @return this.
     */
    public PoolBuilder startTimeout(final Duration startTimeout)
    {
        this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
        return this;
    }

    /**
     * @param stopGrace how long spokes may take to stop on close before they are killed.
     * @return this.
     */
    public PoolBuilder stopGrace(final Duration stopGrace)
    {
        this.stopGrace = Objects.requireNonNull(stopGrace, "stopGrace");
        return this;
    }

    /**
     * A spoke heartbeats from a thread of its own, also while a task runs, so only a frozen process (stopped by
     * a signal, swapped out, wedged in the JVM) misses it: beyond this age the hub kills it and its task fails
     * with {@link FailureKind#SPOKE_UNRESPONSIVE}, as a crashed spoke's would.
     *
     * @param timeout oldest heartbeat a live spoke may have; default {@value #DEFAULT_SPOKE_HEARTBEAT_TIMEOUT_S} s.
     * @return this.
     * @throws IllegalArgumentException if under one second: a busy node can delay a heartbeat that long.
     */
    public PoolBuilder spokeHeartbeatTimeout(final Duration timeout)
    {
        if (Objects.requireNonNull(timeout, "timeout").compareTo(Duration.ofSeconds(1)) < 0)
        {
            throw new IllegalArgumentException("spokeHeartbeatTimeout " + timeout + " is under 1 s; a busy node " +
                "can delay a spoke's heartbeat that long and the spoke would be killed for nothing");
        }
        this.spokeHeartbeatTimeout = timeout;
        return this;
    }

    /**
     * @param root directory pools are created under.
     * @return this.
     */
    public PoolBuilder root(final Path root)
    {
        this.root = Objects.requireNonNull(root, "root");
        return this;
    }

    /**
     * @param journalDirectory keep the error journal here, beyond the life of the pool.
     * @return this.
     */
    public PoolBuilder persistentJournal(final Path journalDirectory)
    {
        this.persistentJournal = Objects.requireNonNull(journalDirectory, "journalDirectory");
        return this;
    }

    /**
     * Let spokes deserialize more classes than the JDK's, spm4j's and those of the packages closures are
     * defined in.
     *
     * @param pattern a package ({@code com.acme.*}), a package tree ({@code com.acme.**}) or a class name.
     * @return this.
     */
    public PoolBuilder allowClasses(final String pattern)
    {
        allowedClasses.add(Objects.requireNonNull(pattern, "pattern"));
        return this;
    }

    /**
     * An extra JVM option for every spoke, after the defaults that keep an idle spoke small so that a node holds many:
     * {@code -XX:+UseSerialGC} (one collector thread; {@code -XX:+UseG1GC} on JDK 17, where only G1 maps the JDK's
     * archived module graph and the serial collector costs some 30 ms more processor time per start), {@code -Xmn16m}
     * (a young generation an idle spoke touches little of; tasks pay a young collection, about a millisecond when they
     * keep little, per 13 MB they allocate), {@code -XX:CICompilerCount=2}, {@code -Xss1m}, and
     * {@code -XX:TrimNativeHeapInterval=2000} where the JDK has it (OpenJDK 17.0.11, 21.0.1, 22 and later on Linux with
     * the GNU C library): the C library's heap trimmed of what the JIT compilers freed after start. An option of your
     * own that sets the same thing replaces the default: any {@code -XX:+Use...GC} the collector, {@code -Xmn},
     * {@code -XX:NewSize}, {@code -XX:MaxNewSize}, {@code -XX:NewRatio} or a heap under 64 MB ({@code -Xmx},
     * {@code -Xms}) the young generation, and {@code -XX:TrimNativeHeapInterval} the trim (0 turns it off).
     * {@code @argfile} options are read for these too. Raise the young generation for tasks that allocate much, e.g.
     * {@code -Xmn64m}.
     *
     * @param option an extra JVM option for every spoke, e.g. {@code -Xmx2g}.
     * @return this.
     */
    public PoolBuilder spokeJvmOption(final String option)
    {
        spokeJvmOptions.add(Objects.requireNonNull(option, "option"));
        return this;
    }

    /**
     * @param inboxCapacity bytes of each ring of a spoke, a power of two (1 MiB by default): its inbox, which brings
     *                      it tasks, and its outbox, which takes its statuses and requests to the hub. One message
     *                      takes at most an eighth of it, which bounds a request, a reply and a crew's message; a
     *                      task's argument or result larger than that travels through a file of the pool directory
     *                      instead. The pool file holds two rings per spoke.
     * @return this.
     */
    public PoolBuilder inboxCapacity(final int inboxCapacity)
    {
        this.inboxCapacity = inboxCapacity;
        return this;
    }

    /**
     * @param closureTableLength bytes for closure definitions.
     * @return this.
     */
    public PoolBuilder closureTableLength(final int closureTableLength)
    {
        this.closureTableLength = closureTableLength;
        return this;
    }

    /**
     * Encode task arguments and results with your own codec instead of the default (boxed primitives,
     * String and byte[] directly, Java serialization behind the allow-list otherwise).
     *
     * @param codec a public class with a public no-argument constructor; spokes make their own instance.
     * @return this.
     */
    public PoolBuilder codec(final Class<? extends Codec> codec)
    {
        this.codec = Objects.requireNonNull(codec, "codec");
        return this;
    }

    /**
     * Check, before anything starts, what would otherwise fail only once the pool starts: that the pool root and
     * the persistent journal's directory can be created and written; {@link #build()} checks it first too.
     *
     * @return this.
     * @throws IllegalArgumentException naming the directory and why it cannot be used.
     */
    public PoolBuilder validate()
    {
        requireUsableDirectory("pool root", root);
        if (null != persistentJournal)
        {
            requireUsableDirectory("journal directory", persistentJournal);
        }
        return this;
    }

    /**
     * @return a started pool: for a local pool, every spoke READY.
     * @throws IllegalStateException naming the spoke that failed to start, with the end of its stderr; if external
     *                               spokes did not all attach within the start timeout; for a serial pool with
     *                               external spokes.
     */
    public Pool build()
    {
        validate();
        if (serial && externalSpokes)
        {
            throw new IllegalStateException("a serial pool runs in the calling thread; it has no spokes to attach");
        }
        final PoolConfig config = new PoolConfig(name, externalSpokes,
            serial ? 1 : spokes, idle, placement, startTimeout, stopGrace, spokeHeartbeatTimeout, root,
            persistentJournal,
            List.copyOf(allowedClasses), List.copyOf(spokeJvmOptions), inboxCapacity, closureTableLength,
            null == codec ? null : codec.getName());
        return serial ? new SerialPool(config) : new LocalPool(config);
    }

    /**
     * Directories made only to try are removed again, so that a check leaves nothing behind.
     */
    private static void requireUsableDirectory(final String what, final Path directory)
    {
        Path firstMissing = null;
        for (Path ancestor = directory.toAbsolutePath(); null != ancestor && !Files.exists(ancestor);
            ancestor = ancestor.getParent())
        {
            firstMissing = ancestor;
        }
        try
        {
            // as the pool directories themselves: owner-only
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
            if (!Files.isWritable(directory))
            {
                throw new IllegalArgumentException(what + " " + directory + " is not writable");
            }
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            throw new IllegalArgumentException(what + " " + directory + " cannot be created: " +
                (ex instanceof FileAlreadyExistsException ? "a file is in the way" : ex.toString()), ex);
        }
        finally
        {
            removeMadeToTry(directory.toAbsolutePath(), firstMissing);
        }
    }

    private static void removeMadeToTry(final Path directory, final Path firstMissing)
    {
        if (null == firstMissing)
        {
            return;
        }
        for (Path made = directory; null != made && made.startsWith(firstMissing); made = made.getParent())
        {
            try
            {
                Files.deleteIfExists(made);
            }
            catch (final IOException ex)
            {
                return;
            }
        }
    }
}

package org.spm4j.shm.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

import org.agrona.CloseHelper;

import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.core.io.BackgroundResourceReleaser;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/**
 * One queue of a pool's error journal: a Chronicle Queue directory of {@link ErrorRecord}s. Each spoke has a queue
 * of its own and the hub one for its own failures, laid out as {@link ErrorJournalLayout} says; the journal opened on
 * the top directory opens the spokes' queues with its own options ({@link #spokeJournal}). Spokes (and the hub on a
 * spoke's behalf) append with an {@link ErrorJournalAppender}; the hub reads each record by the index a FAILED status
 * names with an {@link ErrorJournalReader}; tools read every queue in order with an {@link ErrorJournalScanner}, or
 * one queue with an {@link ErrorJournalDrainer}. Any number of processes may open the same directory at once.
 * <p>
 * The journal is a file per roll cycle that had a record. A cycle's file can be released (deleted) once
 * its records are no longer needed ({@link #releaseCycles}); the cycle being written and the latest one
 * are always kept, so appenders in any process carry on.
 * <p>
 * Opening is quiet: Chronicle's banner, usage analytics and performance notes are switched off through
 * their system properties before any Chronicle class initialises, unless the user set them already.
 * Chronicle still reads a {@code system.properties} file from the working directory if there is one,
 * and logs warnings through SLF4J.
 * <p>
 * Thread-safe: appenders and drainers may be created from any thread, each is then confined to one.
 * Closing the journal closes every appender and drainer made from it, and the spokes' journals it opened.
 */
public final class ErrorJournal implements AutoCloseable
{
    /**
     * Roll cycle of a new journal: a file per five minutes, the shortest production cycle Chronicle has,
     * so that releasing passed cycles keeps a journal to minutes of records however many failures come.
     */
    public static final RollCycle DEFAULT_ROLL_CYCLE = RollCycles.FIVE_MINUTELY;

    /** How long an appender waits for the write lock before checking whether its holder died. */
    public static final long DEFAULT_LOCK_TIMEOUT_MS = 10_000;

    private static final int RECORD_LENGTH_MARGIN = 4096;

    static
    {
        ChronicleQuiet.ensure();
    }

    private final Builder options;
    private final SingleChronicleQueue queue;
    private final CycleFiles cycleFiles;
    private final Map<Integer, ErrorJournal> spokeJournals = new ConcurrentHashMap<>();

    private ErrorJournal(final Builder options, final SingleChronicleQueue queue)
    {
        this.options = options;
        this.queue = queue;
        this.cycleFiles = new CycleFiles(queue);
    }

    /**
     * Open, creating if needed, the journal in {@code directory} with the defaults.
     *
     * @param directory the queue directory; created with mode 0700 when absent.
     * @return the open journal.
     */
    public static ErrorJournal open(final Path directory)
    {
        return builder(directory).open();
    }

    /**
     * @param directory the queue directory; created with mode 0700 when absent.
     * @return a builder to set options before opening.
     */
    public static Builder builder(final Path directory)
    {
        return new Builder(directory);
    }

    /**
     * The queue of a spoke in this journal's directory, opened with this journal's options at the first call for
     * that spoke (creating it if absent) and closed with this journal.
     *
     * @param spokeId a spoke id, or {@link ErrorJournalLayout#HUB} for this journal itself.
     * @return that spoke's journal.
     * @throws UncheckedIOException if its directory cannot be created.
     * @throws IllegalStateException if this journal is closed.
     */
    public ErrorJournal spokeJournal(final int spokeId)
    {
        if (queue.isClosed())
        {
            throw new IllegalStateException("the error journal " + options.directory + " is closed");
        }
        if (ErrorJournalLayout.HUB == spokeId)
        {
            return this;
        }
        final Path spokeDirectory = ErrorJournalLayout.queueDirectory(options.directory, spokeId);
        return spokeJournals.computeIfAbsent(spokeId, id -> options.copyFor(spokeDirectory).open());
    }

    /**
     * @return a new appender, to be used by one thread.
     */
    public ErrorJournalAppender appender()
    {
        return new ErrorJournalAppender(queue.createAppender(), maxRecordLength(queue));
    }

    /**
     * @return the most bytes one record may take encoded; a longer one is cut to fit as
     *         {@link ErrorRecordCodec#fitTo} says.
     */
    public int maxRecordLength()
    {
        return maxRecordLength(queue);
    }

    /**
     * Chronicle refuses an excerpt longer than a quarter of its mapping block (16 MiB by default) with
     * a BufferOverflowException; keep clear of that with room for its header.
     */
    private static int maxRecordLength(final SingleChronicleQueue queue)
    {
        return (int)Math.min(Integer.MAX_VALUE - 8, queue.overlapSize() - RECORD_LENGTH_MARGIN);
    }

    /**
     * A drainer that resumes where the last drainer of the same name stopped, in this process or
     * another. At most one drainer per name may be open at a time. Each name keeps a slot in the queue's
     * metadata file for good, and the file holds only so many: a reader that comes and goes with each
     * pool uses a {@link #reader()} instead.
     *
     * @param name 1 to {@value ErrorJournalDrainer#MAX_NAME_LENGTH} characters of {@code [A-Za-z0-9._-]}.
     * @return the drainer, to be used by one thread.
     */
    public ErrorJournalDrainer drainer(final String name)
    {
        ErrorJournalDrainer.validateName(name);
        return new ErrorJournalDrainer(name, queue, queue.createTailer(name), cycleFiles);
    }

    /**
     * A reader of single records by index; it keeps no position in the journal and reads nothing until
     * asked.
     *
     * @return the reader, to be used by one thread.
     */
    public ErrorJournalReader reader()
    {
        return new ErrorJournalReader(queue.createTailer());
    }

    /**
     * @return the index of the last record in the journal now, or -1 if it has none.
     */
    public long lastIndex()
    {
        return queue.lastIndex();
    }

    /**
     * @param index a record's index.
     * @return the roll cycle it is in.
     */
    public int cycleOf(final long index)
    {
        return queue.rollCycle().toCycle(index);
    }

    /**
     * @return the roll cycle an append goes to now, by the journal's clock.
     */
    public int currentCycle()
    {
        return queue.cycle();
    }

    /**
     * @return the time now by the journal's clock, in epoch milliseconds.
     */
    public long currentTimeMs()
    {
        return queue.time().currentTimeMillis();
    }

    /**
     * @return how long one roll cycle lasts, in milliseconds.
     */
    public long cycleLengthMs()
    {
        return queue.rollCycle().lengthInMillis();
    }

    /**
     * @param cycle a roll cycle.
     * @return when it ends (and the next begins), in epoch milliseconds.
     */
    public long cycleEndMs(final int cycle)
    {
        return queue.epoch() + (cycle + 1L) * queue.rollCycle().lengthInMillis();
    }

    /**
     * @param cycle a roll cycle.
     * @return whether the journal has a file for it now; false once it was released.
     */
    public boolean holdsCycle(final int cycle)
    {
        return cycleFiles.holds(cycle);
    }

    /**
     * Delete the files of the cycles before the current one that {@code passed} accepts, oldest first.
     * The current cycle and the latest one that has a file are kept whatever {@code passed} says, so
     * appenders carry on. Readers lose the records of a deleted file; every process that has the journal
     * open sees the deletion through the queue's shared directory listing.
     *
     * @param passed says whether a cycle's records are no longer needed.
     * @return the deleted files, oldest first.
     * @throws UncheckedIOException if the directory cannot be listed or a file cannot be deleted.
     */
    public List<Path> releaseCycles(final IntPredicate passed)
    {
        return cycleFiles.release(queue.cycle(), passed);
    }

    /**
     * Delete the files of the cycles that ended at or before {@code epochMs}, keeping the current and the
     * latest as {@link #releaseCycles} does: retention by age.
     *
     * @param epochMs the time before which records are no longer kept.
     * @return the deleted files, oldest first.
     * @throws UncheckedIOException if the directory cannot be listed or a file cannot be deleted.
     */
    public List<Path> releaseCyclesEndedBy(final long epochMs)
    {
        return releaseCycles(cycle -> cycleEndMs(cycle) <= epochMs);
    }

    /**
     * @return the queue directory.
     */
    public Path directory()
    {
        return options.directory;
    }

    /**
     * Close the queue and everything made from it, and the spokes' journals opened through this one. Idempotent.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(spokeJournals.values());
        queue.close();
        // Chronicle releases mapped files on a background thread; finish that now, so that removing the
        // directory after close cannot race with it.
        BackgroundResourceReleaser.releasePendingResources();
    }

    @Override
    public String toString()
    {
        return "ErrorJournal{" + options.directory + ", rollCycle=" + queue.rollCycle() + '}';
    }

    /**
     * Options for opening a journal. Not thread-safe.
     */
    public static final class Builder
    {
        private final Path directory;
        private RollCycle rollCycle = DEFAULT_ROLL_CYCLE;
        private TimeProvider timeProvider = SystemTimeProvider.INSTANCE;
        private long lockTimeoutMs = DEFAULT_LOCK_TIMEOUT_MS;

        private Builder(final Path directory)
        {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        private Builder copyFor(final Path otherDirectory)
        {
            return new Builder(otherDirectory)
                .rollCycle(rollCycle)
                .timeProvider(timeProvider)
                .lockTimeoutMs(lockTimeoutMs);
        }

        /**
         * How often a new file is started. Only a new journal takes it: an existing one keeps the
         * cycle it was created with.
         *
         * @param rollCycle the roll cycle.
         * @return this builder.
         */
        public Builder rollCycle(final RollCycle rollCycle)
        {
            this.rollCycle = Objects.requireNonNull(rollCycle, "rollCycle");
            return this;
        }

        /**
         * The clock that decides which cycle an append goes to; tests inject a settable one.
         *
         * @param timeProvider the clock.
         * @return this builder.
         */
        public Builder timeProvider(final TimeProvider timeProvider)
        {
            this.timeProvider = Objects.requireNonNull(timeProvider, "timeProvider");
            return this;
        }

        /**
         * Chronicle waits one and a half times this for the queue's write lock before it checks
         * whether the holder died (a spoke killed mid-append) and takes the lock over.
         *
         * @param lockTimeoutMs the timeout in milliseconds.
         * @return this builder.
         */
        public Builder lockTimeoutMs(final long lockTimeoutMs)
        {
            if (lockTimeoutMs <= 0)
            {
                throw new IllegalArgumentException("lockTimeoutMs must be positive: " + lockTimeoutMs);
            }
            this.lockTimeoutMs = lockTimeoutMs;
            return this;
        }

        /**
         * @return the open journal.
         * @throws UncheckedIOException if the directory cannot be created.
         */
        public ErrorJournal open()
        {
            createPrivateDirectory(directory);
            final SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory)
                .rollCycle(rollCycle)
                .timeProvider(timeProvider)
                .timeoutMS(lockTimeoutMs)
                .build();
            return new ErrorJournal(copyFor(directory), queue);
        }

        private static void createPrivateDirectory(final Path directory)
        {
            if (Files.isDirectory(directory))
            {
                return;
            }
            try
            {
                if (directory.getFileSystem().supportedFileAttributeViews().contains("posix"))
                {
                    Files.createDirectories(
                        directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                }
                else
                {
                    Files.createDirectories(directory);
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot create error journal directory " + directory, ex);
            }
        }
    }
}

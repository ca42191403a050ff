package org.spm4j.bench.shm;

import static org.spm4j.shm.JvmFlags.AGRONA_MISC;
import static org.spm4j.shm.JvmFlags.CHRONICLE_LANG;
import static org.spm4j.shm.JvmFlags.CHRONICLE_MISC;
import static org.spm4j.shm.JvmFlags.CHRONICLE_NIO;
import static org.spm4j.shm.JvmFlags.CHRONICLE_NIO_CH_EXPORTS;
import static org.spm4j.shm.JvmFlags.CHRONICLE_NIO_CH_OPENS;
import static org.spm4j.shm.JvmFlags.CHRONICLE_REF;
import static org.spm4j.shm.JvmFlags.CHRONICLE_REFLECT;
import static org.spm4j.bench.BenchJvmArgs.NO_BOUNDS_CHECKS;
import static org.spm4j.shm.JvmFlags.QUIET_ANALYTICS;
import static org.spm4j.shm.JvmFlags.QUIET_ANNOUNCER;
import static org.spm4j.shm.JvmFlags.QUIET_PERF_INFO;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.spm4j.bench.BenchRoot;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.journal.ErrorJournal;
import org.spm4j.shm.journal.ErrorJournalAppender;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.journal.ErrorRecord;

/**
 * The error journal's append: one record of a failed task (a real exception with a cause, its stack
 * trace text and serialized form, a 64-byte argument; about 4.4 KB) encoded and appended through
 * {@link ErrorJournalAppender}, in one process, to a journal in a pool's {@code journal/} directory.
 * <p>
 * A run may append gigabytes, and the journal lives in memory (/dev/shm). So every
 * {@link #RECORDS_PER_JOURNAL} records, outside the timed operation, the journal is closed and removed
 * and a fresh one opened.
 */
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {
    AGRONA_MISC, CHRONICLE_NIO_CH_EXPORTS, CHRONICLE_REFLECT, CHRONICLE_REF, CHRONICLE_LANG, CHRONICLE_NIO,
    CHRONICLE_NIO_CH_OPENS, CHRONICLE_MISC, QUIET_ANALYTICS, QUIET_ANNOUNCER, QUIET_PERF_INFO, NO_BOUNDS_CHECKS })
@State(Scope.Benchmark)
public class JournalAppendBenchmark
{
    static final long RECORDS_PER_JOURNAL = 50_000;

    private static final String POOL_ID = "bench";

    // a JMH fork stopped early must not leave hundreds of megabytes behind in /dev/shm
    private final Thread removeRootOnExit = new Thread(this::removeRoot, "remove-bench-root");
    private ErrorRecord record;
    private Path root;
    private PoolDirectory directory;
    private ErrorJournal journal;
    private ErrorJournalAppender appender;
    private long appendedToJournal;

    @Setup(Level.Trial)
    public void setUp()
    {
        try
        {
            record = failedTaskRecord();
            root = BenchRoot.create();
            Runtime.getRuntime().addShutdownHook(removeRootOnExit);
            directory = PoolDirectory.create(root, POOL_ID);
            openJournal();
        }
        catch (final RuntimeException | Error ex)
        {
            tearDown();
            throw ex;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        if (null != journal)
        {
            journal.close();
            journal = null;
        }
        if (null != root)
        {
            BenchRoot.delete(root);
            root = null;
            try
            {
                Runtime.getRuntime().removeShutdownHook(removeRootOnExit);
            }
            catch (final IllegalStateException ignore)
            {
                // the JVM is already shutting down
            }
        }
    }

    @Setup(Level.Invocation)
    public void freshJournalWhenFull()
    {
        if (appendedToJournal >= RECORDS_PER_JOURNAL)
        {
            journal.close();
            directory.delete();
            directory = PoolDirectory.create(root, POOL_ID);
            openJournal();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long appendLatency()
    {
        return append();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long appendThroughput()
    {
        return append();
    }

    private long append()
    {
        appendedToJournal++;
        return appender.append(record);
    }

    private void removeRoot()
    {
        final Path directoryToRemove = root;
        if (null != directoryToRemove)
        {
            BenchRoot.delete(directoryToRemove);
        }
    }

    private void openJournal()
    {
        journal = ErrorJournal.open(directory.journalDirectory());
        appender = journal.appender();
        appendedToJournal = 0;
    }

    private static ErrorRecord failedTaskRecord()
    {
        final Exception failure = new IllegalStateException("task 4711 failed: strike 101.5 is outside the grid",
            new ArithmeticException("negative variance -0.0031"));
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(8192);
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes))
        {
            out.writeObject(failure);
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
        return ErrorRecord.builder()
            .poolId(POOL_ID)
            .runId(1)
            .taskId(4711)
            .attempt(1)
            .closureName("org.example.Pricing::priceOption")
            .spokeId(0)
            .pid(ProcessHandle.current().pid())
            .timeEpochMs(System.currentTimeMillis())
            .kind(ErrorKind.TASK_FAILED)
            .exception(failure)
            .exceptionBytes(bytes.toByteArray())
            .argumentBytes(new byte[64])
            .build();
    }
}

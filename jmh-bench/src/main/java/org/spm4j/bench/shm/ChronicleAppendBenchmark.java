package org.spm4j.bench.shm;

import static org.spm4j.bench.shm.BenchJvmArgs.AGRONA_MISC;
import static org.spm4j.bench.shm.BenchJvmArgs.CHRONICLE_LANG;
import static org.spm4j.bench.shm.BenchJvmArgs.CHRONICLE_MISC;
import static org.spm4j.bench.shm.BenchJvmArgs.CHRONICLE_NIO;
import static org.spm4j.bench.shm.BenchJvmArgs.CHRONICLE_NIO_CH_EXPORTS;
import static org.spm4j.bench.shm.BenchJvmArgs.CHRONICLE_NIO_CH_OPENS;
import static org.spm4j.bench.shm.BenchJvmArgs.CHRONICLE_REF;
import static org.spm4j.bench.shm.BenchJvmArgs.CHRONICLE_REFLECT;
import static org.spm4j.bench.shm.BenchJvmArgs.NO_BOUNDS_CHECKS;
import static org.spm4j.bench.shm.BenchJvmArgs.QUIET_ANALYTICS;
import static org.spm4j.bench.shm.BenchJvmArgs.QUIET_ANNOUNCER;
import static org.spm4j.bench.shm.BenchJvmArgs.QUIET_PERF_INFO;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import net.openhft.chronicle.bytes.BytesOut;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
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
import org.spm4j.shm.PoolDirectory;

/**
 * The floor under the error journal: one error record of a failed task, with the fields, field order
 * and encoding of the journal's record (schema version 1: fixed fields, then length-prefixed UTF-8 texts
 * and byte blobs), appended as one excerpt to a plain Chronicle Queue in a pool's {@code journal/}
 * directory, in one process. The texts are encoded on every append, as the record codec does; the
 * stack trace and serialized exception are those of a real exception with a cause, made once; the whole
 * record is about 4.4 KB.
 * <p>
 * This is not yet the journal itself, whose writer is not in this module's dependencies yet: once it
 * is, {@link #append()} should call it (or at least encode with its codec) and this encoder goes.
 * <p>
 * A run may append gigabytes, and the queue lives in memory (/dev/shm). So every
 * {@link #RECORDS_PER_QUEUE} records, outside the timed operation, the queue is closed and removed and
 * a fresh one opened.
 */
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {
    AGRONA_MISC, CHRONICLE_NIO_CH_EXPORTS, CHRONICLE_REFLECT, CHRONICLE_REF, CHRONICLE_LANG, CHRONICLE_NIO,
    CHRONICLE_NIO_CH_OPENS, CHRONICLE_MISC, QUIET_ANALYTICS, QUIET_ANNOUNCER, QUIET_PERF_INFO, NO_BOUNDS_CHECKS })
@State(Scope.Benchmark)
public class ChronicleAppendBenchmark
{
    static final long RECORDS_PER_QUEUE = 50_000;

    private static final byte SCHEMA_VERSION = 1;
    private static final byte TASK_FAILED = 1;
    private static final int NULL_LENGTH = -1;
    private static final String POOL_ID = "bench";
    private static final String CLOSURE_NAME = "org.example.Pricing::priceOption";

    private final long pid = ProcessHandle.current().pid();
    private final byte[] argumentBytes = new byte[64];
    private String exceptionClass;
    private String message;
    private String stackTrace;
    private byte[] exceptionBytes;
    private long taskId;

    // a JMH fork stopped early must not leave hundreds of megabytes behind in /dev/shm
    private final Thread removeRootOnExit = new Thread(this::removeRoot, "remove-bench-root");
    private Path root;
    private PoolDirectory directory;
    private ChronicleQueue queue;
    private ExcerptAppender appender;
    private long appendedToQueue;

    @Setup(Level.Trial)
    public void setUp()
    {
        try
        {
            makeRecordFields();
            root = BenchRoot.create();
            Runtime.getRuntime().addShutdownHook(removeRootOnExit);
            directory = PoolDirectory.create(root, POOL_ID);
            openQueue();
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
        if (null != queue)
        {
            queue.close();
            queue = null;
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
    public void freshQueueWhenFull()
    {
        if (appendedToQueue >= RECORDS_PER_QUEUE)
        {
            queue.close();
            directory.delete();
            directory = PoolDirectory.create(root, POOL_ID);
            openQueue();
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
        try (DocumentContext document = appender.writingDocument())
        {
            encode(document.wire().bytes());
        }
        appendedToQueue++;
        return appender.lastIndexAppended();
    }

    private void encode(final BytesOut<?> out)
    {
        out.writeByte(SCHEMA_VERSION);
        out.writeByte(TASK_FAILED);
        out.writeInt(1);
        out.writeInt(0);
        out.writeLong(1);
        out.writeLong(++taskId);
        out.writeLong(pid);
        out.writeLong(System.currentTimeMillis());
        writeText(out, POOL_ID);
        writeText(out, CLOSURE_NAME);
        writeText(out, exceptionClass);
        writeText(out, message);
        writeText(out, stackTrace);
        writeBlob(out, exceptionBytes);
        writeBlob(out, argumentBytes);
    }

    private void makeRecordFields()
    {
        final Exception failure = new IllegalStateException("task 4711 failed: strike 101.5 is outside the grid",
            new ArithmeticException("negative variance -0.0031"));
        exceptionClass = failure.getClass().getName();
        message = failure.getMessage();
        stackTrace = stackTraceText(failure);
        exceptionBytes = serialized(failure);
    }

    private void removeRoot()
    {
        final Path directoryToRemove = root;
        if (null != directoryToRemove)
        {
            BenchRoot.delete(directoryToRemove);
        }
    }

    private void openQueue()
    {
        queue = ChronicleQueue.singleBuilder(directory.journalDirectory()).build();
        appender = queue.createAppender();
        appendedToQueue = 0;
    }

    private static void writeText(final BytesOut<?> out, final String text)
    {
        if (null == text)
        {
            out.writeInt(NULL_LENGTH);
        }
        else
        {
            writeBlob(out, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void writeBlob(final BytesOut<?> out, final byte[] blob)
    {
        out.writeInt(blob.length);
        out.write(blob);
    }

    private static String stackTraceText(final Throwable throwable)
    {
        final StringWriter text = new StringWriter(4096);
        try (PrintWriter writer = new PrintWriter(text))
        {
            throwable.printStackTrace(writer);
        }
        return text.toString();
    }

    private static byte[] serialized(final Throwable throwable)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(throwable);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }
}

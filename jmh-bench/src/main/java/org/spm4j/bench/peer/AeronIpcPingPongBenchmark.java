package org.spm4j.bench.peer;

import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.spm4j.bench.BenchJvmArgs.NO_BOUNDS_CHECKS;
import static org.spm4j.shm.JvmFlags.AGRONA_MISC;
import static org.spm4j.shm.JvmFlags.CHRONICLE_LANG;
import static org.spm4j.shm.JvmFlags.CHRONICLE_MISC;
import static org.spm4j.shm.JvmFlags.CHRONICLE_NIO;
import static org.spm4j.shm.JvmFlags.CHRONICLE_NIO_CH_EXPORTS;
import static org.spm4j.shm.JvmFlags.CHRONICLE_NIO_CH_OPENS;
import static org.spm4j.shm.JvmFlags.CHRONICLE_REF;
import static org.spm4j.shm.JvmFlags.CHRONICLE_REFLECT;
import static org.spm4j.shm.JvmFlags.QUIET_ANALYTICS;
import static org.spm4j.shm.JvmFlags.QUIET_ANNOUNCER;
import static org.spm4j.shm.JvmFlags.QUIET_PERF_INFO;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
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
import org.spm4j.bench.ChildJvm;

/**
 * Aeron's IPC between two JVMs, the peer of the inbox ping-pong: this JVM embeds a media driver and
 * offers an 8-byte message on the ping stream; {@link AeronPong}, a client in a child JVM, offers it back
 * on the pong stream; this side busy-spins polling for it. Both ends spin; the driver, which IPC messages
 * never pass through, runs on one shared thread with its default backoff idling, so that on a small
 * machine it leaves the two spinning ends their cores.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {
    AGRONA_MISC, CHRONICLE_NIO_CH_EXPORTS, CHRONICLE_REFLECT, CHRONICLE_REF, CHRONICLE_LANG, CHRONICLE_NIO,
    CHRONICLE_NIO_CH_OPENS, CHRONICLE_MISC, QUIET_ANALYTICS, QUIET_ANNOUNCER, QUIET_PERF_INFO, NO_BOUNDS_CHECKS })
@State(Scope.Benchmark)
public class AeronIpcPingPongBenchmark
{
    static final String CHANNEL = "aeron:ipc";
    static final int PING_STREAM = 1001;
    static final int PONG_STREAM = 1002;

    private static final int TERM_LENGTH = 1 << 20;
    private static final long CONNECT_TIMEOUT_MS = 30_000;

    private final UnsafeBuffer message = new UnsafeBuffer(new byte[SIZE_OF_LONG]);
    private final FragmentHandler onPong = (buffer, offset, length, header) -> echoed = buffer.getLong(offset);
    private Path root;
    private MediaDriver driver;
    private Aeron aeron;
    private ExclusivePublication pings;
    private Subscription pongs;
    private Process child;
    private long sequence;
    private long echoed;

    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        root = BenchRoot.create();
        try
        {
            final String directory = root.resolve("aeron").toString();
            driver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(directory)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy())
                .ipcTermBufferLength(TERM_LENGTH)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(directory));
            pings = aeron.addExclusivePublication(CHANNEL, PING_STREAM);
            pongs = aeron.addSubscription(CHANNEL, PONG_STREAM);
            child = new ProcessBuilder(ChildJvm.command(AeronPong.class, directory))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
            awaitConnected();
        }
        catch (final Exception | Error ex)
        {
            tearDown();
            throw ex;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        ChildJvm.kill(child);
        child = null;
        CloseHelper.closeAll(pongs, pings, aeron, driver);
        if (null != root)
        {
            BenchRoot.delete(root);
            root = null;
        }
    }

    @Benchmark
    public long roundTrip()
    {
        final long sent = ++sequence;
        message.putLong(0, sent);
        while (pings.offer(message, 0, SIZE_OF_LONG) < 0)
        {
            Thread.onSpinWait();
        }
        while (0 == pongs.poll(onPong, 1))
        {
            Thread.onSpinWait();
        }
        if (echoed != sent)
        {
            throw new IllegalStateException("sent message " + sent + " but message " + echoed + " came back");
        }
        return echoed;
    }

    private void awaitConnected() throws InterruptedException
    {
        final long deadlineMs = System.currentTimeMillis() + CONNECT_TIMEOUT_MS;
        while (!pings.isConnected() || !pongs.isConnected())
        {
            if (!child.isAlive())
            {
                throw new IllegalStateException("the pong JVM exited with code " + child.exitValue());
            }
            if (System.currentTimeMillis() > deadlineMs)
            {
                throw new IllegalStateException("the pong JVM did not connect within " + CONNECT_TIMEOUT_MS + " ms");
            }
            Thread.sleep(1);
        }
    }
}

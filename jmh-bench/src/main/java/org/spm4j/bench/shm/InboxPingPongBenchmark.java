package org.spm4j.bench.shm;

import static org.agrona.BitUtil.SIZE_OF_LONG;
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

import java.util.concurrent.TimeUnit;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.spm4j.shm.PoolLayout;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageSender;
import org.spm4j.shm.mailbox.PeerFlyweight;

/**
 * The raw floor: one small PEER message from this JVM (the hub) into spoke 0's inbox, copied back by
 * {@link InboxEcho} in a child JVM into spoke 0's outbox; one operation is the whole round trip, the hub
 * busy-spinning for the echo. Every later round-trip figure is judged against this one.
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
public class InboxPingPongBenchmark implements MessageHandler
{
    private static final int HUB = -1;
    private static final int SPOKE = 0;
    private static final int TAG = 0;
    private static final int SEQUENCE_OFFSET = PeerFlyweight.HEADER_LENGTH;

    @Param({ ChildSide.BUSY_SPIN, ChildSide.BACKOFF })
    public String echoIdle;

    private final MessageSender sender = new MessageSender();
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[SIZE_OF_LONG]);
    private PoolWithChild pool;
    private Inbox outbox;
    private Inbox spokeInbox;
    private long sequence;
    private long echoed;

    @Setup(Level.Trial)
    public void setUp()
    {
        pool = PoolWithChild.start(PoolLayout.of(1, 64 * 1024, 4096, 1), InboxEcho.class, echoIdle);
        try
        {
            // no stall detection (infinite timeout), so no clock read per poll
            outbox = Inbox.outboxOf(pool.poolFile(), SPOKE);
            spokeInbox = new Inbox("spoke 0 inbox", pool.poolFile().spokeInboxBuffer(SPOKE), Long.MAX_VALUE);
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
        if (null != pool)
        {
            pool.close();
            pool = null;
        }
    }

    @Benchmark
    public long roundTrip()
    {
        final long sent = ++sequence;
        payload.putLong(0, sent);
        while (!sender.sendPeer(spokeInbox, 0L, HUB, SPOKE, TAG, payload, 0, SIZE_OF_LONG))
        {
            Thread.onSpinWait();
        }
        while (0 == outbox.read(this, 1))
        {
            Thread.onSpinWait();
        }
        if (echoed != sent)
        {
            throw new IllegalStateException("sent message " + sent + " but message " + echoed + " came back");
        }
        return echoed;
    }

    @Override
    public void onMessage(final int typeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        echoed = buffer.getLong(index + SEQUENCE_OFFSET);
    }
}

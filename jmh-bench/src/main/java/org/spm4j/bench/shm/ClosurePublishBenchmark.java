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
import static org.spm4j.shm.closure.ClosureTableDescriptor.PUBLISHED_FENCE_OFFSET;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
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
import org.spm4j.shm.closure.ClosureTableDescriptor;
import org.spm4j.shm.closure.ClosureTableWriter;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.PeerFlyweight;

/**
 * A closure defined in this JVM (the hub) becoming usable in another: one operation appends a
 * definition with a 64-byte body, publishes it (release), and spins until {@link ClosureFollower} in a
 * child JVM has seen the fence move (acquire), loaded the definition and acknowledged it through its
 * outbox.
 * <p>
 * A run may define millions of closures, more than any table holds, and the follower caches every one
 * it loads. So when the table is full the hub rewinds it, outside the timed operation: it drops the
 * fence to 0, waits for the follower to start over with a fresh reader, zeroes the table and starts a
 * fresh writer. The table never fills and neither side's memory grows without bound.
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
public class ClosurePublishBenchmark implements MessageHandler
{
    private static final int TABLE_LENGTH = 8 * 1024 * 1024;
    private static final int CODEC_ID = 1;
    private static final int BODY_LENGTH = 64;
    private static final String NAME_FORMAT = "closure-%08d";
    private static final int RECORD_LENGTH = ClosureTableDescriptor.recordLength(
        String.format(NAME_FORMAT, 0).length(), BODY_LENGTH);
    private static final int DEFINITIONS_PER_TABLE =
        (TABLE_LENGTH - ClosureTableDescriptor.HEADER_LENGTH) / RECORD_LENGTH;
    private static final int ACK_OFFSET = PeerFlyweight.HEADER_LENGTH;
    private static final long NO_ACK = Long.MIN_VALUE;

    @Param({ ChildSide.BUSY_SPIN, ChildSide.BACKOFF })
    public String followerIdle;

    private final String[] names = new String[DEFINITIONS_PER_TABLE];
    private final UnsafeBuffer body = new UnsafeBuffer(new byte[BODY_LENGTH]);
    private PoolWithChild pool;
    private AtomicBuffer table;
    private ClosureTableWriter writer;
    private Inbox outbox;
    private long acknowledged;

    @Setup(Level.Trial)
    public void setUp()
    {
        for (int i = 0; i < names.length; i++)
        {
            names[i] = String.format(NAME_FORMAT, i);
        }
        final byte[] bodyBytes = new byte[BODY_LENGTH];
        ThreadLocalRandom.current().nextBytes(bodyBytes);
        body.putBytes(0, bodyBytes);

        pool = PoolWithChild.start(PoolLayout.of(1, 64 * 1024, TABLE_LENGTH, 1), ClosureFollower.class, followerIdle);
        try
        {
            table = pool.poolFile().closureTableBuffer();
            writer = new ClosureTableWriter(table);
            outbox = Inbox.outboxOf(pool.poolFile(), ClosureFollower.SPOKE);
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

    @Setup(Level.Invocation)
    public void rewindWhenFull()
    {
        if (writer.remainingBytes() < RECORD_LENGTH)
        {
            rewind();
        }
    }

    @Benchmark
    public int defineAndSee()
    {
        if (writer.remainingBytes() < RECORD_LENGTH)
        {
            // only with a batch size above 1, when the invocation setup runs once per batch
            rewind();
        }
        final int closureId = writer.append(names[writer.appendedCount()], CODEC_ID, body, 0, BODY_LENGTH);
        writer.publish();
        awaitAck(closureId);
        return closureId;
    }

    @Override
    public void onMessage(final int typeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        acknowledged = buffer.getLong(index + ACK_OFFSET);
    }

    private void rewind()
    {
        final int usedLength = table.capacity() - (int)writer.remainingBytes();
        table.putLongRelease(PUBLISHED_FENCE_OFFSET, 0);
        awaitAck(ClosureFollower.REWOUND);
        table.setMemory(0, usedLength, (byte)0);
        writer = new ClosureTableWriter(table);
    }

    private void awaitAck(final long expected)
    {
        acknowledged = NO_ACK;
        while (0 == outbox.read(this, 1))
        {
            Thread.onSpinWait();
        }
        if (acknowledged != expected)
        {
            throw new IllegalStateException("expected acknowledgement " + expected + " but got " + acknowledged);
        }
    }
}

package org.spm4j.bench.peer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import org.spm4j.bench.ChildJvm;

/**
 * The classic way to hand work to another JVM: an 8-byte message down a child JVM's stdin, echoed back by
 * {@link PipeEcho} on its stdout; one operation is the round trip, both sides blocking in read.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(1)
@State(Scope.Benchmark)
public class PipeRoundTripBenchmark
{
    static final int MESSAGE_LENGTH = 8;

    private final byte[] message = new byte[MESSAGE_LENGTH];
    private final byte[] echo = new byte[MESSAGE_LENGTH];
    private Process child;
    private OutputStream toChild;
    private InputStream fromChild;
    private byte sequence;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        child = new ProcessBuilder(ChildJvm.command(PipeEcho.class))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        toChild = child.getOutputStream();
        fromChild = child.getInputStream();
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        ChildJvm.kill(child);
    }

    @Benchmark
    public byte roundTrip() throws IOException
    {
        message[0] = ++sequence;
        toChild.write(message);
        toChild.flush();
        if (!readFully(fromChild, echo) || echo[0] != sequence)
        {
            throw new IllegalStateException("the child did not echo message " + sequence);
        }
        return echo[0];
    }

    /**
     * @return false at end of stream.
     */
    static boolean readFully(final InputStream in, final byte[] into)
    {
        try
        {
            int read = 0;
            while (read < into.length)
            {
                final int count = in.read(into, read, into.length - read);
                if (count < 0)
                {
                    return false;
                }
                read += count;
            }
            return true;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

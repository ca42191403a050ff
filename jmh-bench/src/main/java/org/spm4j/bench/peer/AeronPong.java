package org.spm4j.bench.peer;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.spm4j.bench.ChildJvm;

/**
 * Child JVM of {@link AeronIpcPingPongBenchmark}: a client of the parent's media driver that offers every
 * message of the ping stream back on the pong stream, busy-spinning, until its parent is gone. Argument:
 * the Aeron directory.
 */
public final class AeronPong
{
    private AeronPong()
    {
    }

    public static void main(final String[] args)
    {
        ChildJvm.exitWhenParentGone();
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(args[0]));
            Subscription pings = aeron.addSubscription(AeronIpcPingPongBenchmark.CHANNEL,
                AeronIpcPingPongBenchmark.PING_STREAM);
            ExclusivePublication pongs = aeron.addExclusivePublication(AeronIpcPingPongBenchmark.CHANNEL,
                AeronIpcPingPongBenchmark.PONG_STREAM))
        {
            final FragmentHandler echo = (buffer, offset, length, header) ->
            {
                while (pongs.offer(buffer, offset, length) < 0)
                {
                    Thread.onSpinWait();
                }
            };
            final IdleStrategy idle = new BusySpinIdleStrategy();
            while (true)
            {
                idle.idle(pings.poll(echo, 1));
            }
        }
    }
}

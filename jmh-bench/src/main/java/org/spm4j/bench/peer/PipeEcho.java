package org.spm4j.bench.peer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Child JVM of {@link PipeRoundTripBenchmark}: copies every {@link PipeRoundTripBenchmark#MESSAGE_LENGTH}-byte
 * message from stdin back to stdout, flushed at once, until stdin ends.
 */
public final class PipeEcho
{
    private PipeEcho()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final InputStream in = System.in;
        final OutputStream out = System.out;
        final byte[] message = new byte[PipeRoundTripBenchmark.MESSAGE_LENGTH];
        while (PipeRoundTripBenchmark.readFully(in, message))
        {
            out.write(message);
            out.flush();
        }
    }
}

package org.spm4j.internal.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One output stream of a command, read on a thread of its own until it ends: keeps the first
 * {@code cap} bytes, and the last few for error messages, and reads and drops the rest so the command
 * never blocks on a full pipe. Thread-safe.
 */
public final class CapturedOutput implements Runnable
{
    /** Bytes of the end of the stream kept for error messages. */
    static final int TAIL_LENGTH = 2048;

    /** A stream that went elsewhere: nothing to read, ended. */
    static final CapturedOutput NONE = ended();

    private static final int CHUNK_LENGTH = 8192;

    private final InputStream in;
    private final int cap;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final byte[] tail = new byte[TAIL_LENGTH];
    private byte[] head = new byte[0];
    private int headLength;
    private int tailPosition;
    private long total;

    private CapturedOutput(final InputStream in, final int cap)
    {
        this.in = in;
        this.cap = cap;
    }

    /**
     * @param in         the stream.
     * @param cap        bytes to keep from its start.
     * @param threadName name of the thread that reads it.
     * @return the output, being read.
     */
    static CapturedOutput start(final InputStream in, final int cap, final String threadName)
    {
        final CapturedOutput output = new CapturedOutput(in, cap);
        final Thread reader = new Thread(output, threadName);
        reader.setDaemon(true);
        reader.start();
        return output;
    }

    private static CapturedOutput ended()
    {
        final CapturedOutput none = new CapturedOutput(InputStream.nullInputStream(), 0);
        none.ended.countDown();
        return none;
    }

    @Override
    public void run()
    {
        final byte[] chunk = new byte[CHUNK_LENGTH];
        try (InputStream stream = in)
        {
            int read;
            while ((read = stream.read(chunk)) >= 0)
            {
                append(chunk, read);
            }
        }
        catch (final IOException ex)
        {
            // the stream was closed under the reader: what was read is all there is
        }
        finally
        {
            ended.countDown();
        }
    }

    /**
     * @param timeoutNs how long to wait.
     * @return true if the stream has ended.
     */
    boolean awaitEnd(final long timeoutNs) throws InterruptedException
    {
        return ended.await(timeoutNs, TimeUnit.NANOSECONDS);
    }

    synchronized byte[] head()
    {
        return Arrays.copyOf(head, headLength);
    }

    synchronized boolean truncated()
    {
        return total > headLength;
    }

    /**
     * @return the last bytes of the stream as text, without trailing white space; "..." first if cut.
     */
    synchronized String tail()
    {
        final byte[] last;
        if (total < TAIL_LENGTH)
        {
            last = Arrays.copyOf(tail, (int)total);
        }
        else
        {
            last = new byte[TAIL_LENGTH];
            System.arraycopy(tail, tailPosition, last, 0, TAIL_LENGTH - tailPosition);
            System.arraycopy(tail, 0, last, TAIL_LENGTH - tailPosition, tailPosition);
        }
        return describeTail(last, total > TAIL_LENGTH);
    }

    /**
     * @param file an output written to a file.
     * @return its last bytes as text, as {@link #tail()} gives them; empty if it cannot be read.
     */
    static String tailOf(final Path file)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            final ByteBuffer last = ByteBuffer.allocate((int)Math.min(size, TAIL_LENGTH));
            final long from = size - last.capacity();
            while (last.hasRemaining() && channel.read(last, from + last.position()) >= 0)
            {
                // a file that shrinks under us ends the read
            }
            return describeTail(Arrays.copyOf(last.array(), last.position()), from > 0);
        }
        catch (final IOException ex)
        {
            return "";
        }
    }

    private static String describeTail(final byte[] last, final boolean cut)
    {
        return (cut ? "..." : "") + new String(last, StandardCharsets.UTF_8).stripTrailing();
    }

    private synchronized void append(final byte[] chunk, final int length)
    {
        final int kept = Math.min(length, cap - headLength);
        if (kept > 0)
        {
            if (headLength + kept > head.length)
            {
                head = Arrays.copyOf(head, (int)Math.min(cap, Math.max(2L * head.length, headLength + kept)));
            }
            System.arraycopy(chunk, 0, head, headLength, kept);
            headLength += kept;
        }
        for (int offset = Math.max(0, length - TAIL_LENGTH); offset < length;)
        {
            final int copied = Math.min(length - offset, TAIL_LENGTH - tailPosition);
            System.arraycopy(chunk, offset, tail, tailPosition, copied);
            tailPosition = (tailPosition + copied) % TAIL_LENGTH;
            offset += copied;
        }
        total += length;
    }
}

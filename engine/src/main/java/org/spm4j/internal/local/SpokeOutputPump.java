package org.spm4j.internal.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Passes one output stream of a spoke on, line by line, each line prefixed with the spoke's name, within
 * bounds: a line is cut at {@link #LINE_LIMIT} bytes (the head is passed on at once, a note of how much was
 * cut once the line ends), and the spoke's output rate is capped ({@link OutputRate}). Lines end at
 * {@code \n}, {@code \r} or {@code \r\n}. The stream is read until it ends whatever happens: a spoke must never
 * block on a full pipe, so a failure to pass output on is reported once and the output dropped until the
 * next line. Memory: one line buffer and one read buffer. One thread, its own.
 */
final class SpokeOutputPump implements Runnable
{
    /** Bytes of a line passed on; the rest of a longer line is cut. */
    static final int LINE_LIMIT = 64 * 1024;

    private static final int CHUNK_LENGTH = 8192;

    private final InputStream in;
    private final PrintStream target;
    private final PrintStream diagnostics;
    private final String name;
    private final String prefix;
    private final OutputRate rate;
    private final Consumer<String> onLine;
    private final byte[] line = new byte[LINE_LIMIT];
    private int lineLength;
    private boolean cutting;
    private long cutBytes;
    private boolean skipLineFeed;
    private boolean failureReported;

    /**
     * @param in          the stream.
     * @param target      where its lines go.
     * @param diagnostics where a failure to pass them on is reported.
     * @param name        the spoke's name, e.g. "spoke 3", the prefix of its lines.
     * @param rate        the spoke's output rate.
     * @param onLine      given every line of the stream, cut but not dropped, on the pump's thread.
     */
    SpokeOutputPump(final InputStream in, final PrintStream target, final PrintStream diagnostics,
        final String name, final OutputRate rate, final Consumer<String> onLine)
    {
        this.in = in;
        this.target = target;
        this.diagnostics = diagnostics;
        this.name = name;
        this.prefix = "[" + name + "] ";
        this.rate = rate;
        this.onLine = onLine;
    }

    /**
     * @param pump       a pump.
     * @param threadName name of the daemon thread it runs on.
     * @return the thread, started.
     */
    static Thread start(final SpokeOutputPump pump, final String threadName)
    {
        final Thread thread = new Thread(pump, threadName);
        thread.setDaemon(true);
        thread.start();
        return thread;
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
                passOn(chunk, read);
            }
        }
        catch (final IOException ex)
        {
            // closed under the pump: the spoke is gone, and its exit is handled by the hub
        }
        catch (final RuntimeException ex)
        {
            reportOnce(ex);
        }
        passOnLastLine();
    }

    private void passOn(final byte[] chunk, final int length)
    {
        try
        {
            split(chunk, length);
        }
        catch (final RuntimeException | Error ex)
        {
            reportOnce(ex);
            lineLength = 0;
            cutting = false;
            cutBytes = 0;
        }
    }

    private void passOnLastLine()
    {
        try
        {
            if (lineLength > 0 || cutting)
            {
                endLine();
            }
            final String dropped = rate.takeDroppedNote();
            if (null != dropped)
            {
                target.println(prefix + dropped);
            }
        }
        catch (final RuntimeException | Error ex)
        {
            reportOnce(ex);
        }
    }

    private void split(final byte[] chunk, final int length)
    {
        int start = 0;
        for (int i = 0; i < length; i++)
        {
            final byte b = chunk[i];
            if (skipLineFeed)
            {
                skipLineFeed = false;
                if ('\n' == b)
                {
                    start = i + 1;
                    continue;
                }
            }
            if ('\n' == b || '\r' == b)
            {
                append(chunk, start, i - start);
                endLine();
                skipLineFeed = '\r' == b;
                start = i + 1;
            }
        }
        append(chunk, start, length - start);
    }

    private void append(final byte[] bytes, final int offset, final int length)
    {
        if (cutting)
        {
            cutBytes += length;
            return;
        }
        final int room = LINE_LIMIT - lineLength;
        System.arraycopy(bytes, offset, line, lineLength, Math.min(room, length));
        if (length <= room)
        {
            lineLength += length;
            return;
        }
        lineLength = LINE_LIMIT;
        emitLine();
        cutting = true;
        cutBytes = length - room;
    }

    private void endLine()
    {
        if (cutting)
        {
            final String note = "... (" + cutBytes + " more bytes of this line cut)";
            emit(note, note.length());
            cutting = false;
            cutBytes = 0;
            return;
        }
        emitLine();
    }

    /**
     * A line that cannot be passed on is lost alone: the pump goes on with the next.
     */
    private void emitLine()
    {
        final int length = lineLength;
        lineLength = 0;
        try
        {
            final String text = new String(line, 0, length, StandardCharsets.UTF_8);
            onLine.accept(text);
            emit(text, length);
        }
        catch (final RuntimeException | Error ex)
        {
            reportOnce(ex);
        }
    }

    private void emit(final String text, final int length)
    {
        if (!rate.tryPass(length + 1))
        {
            return;
        }
        final String dropped = rate.takeDroppedNote();
        if (null != dropped)
        {
            target.println(prefix + dropped);
        }
        target.println(prefix + text);
    }

    private void reportOnce(final Throwable failure)
    {
        if (failureReported)
        {
            return;
        }
        failureReported = true;
        try
        {
            diagnostics.println("spm4j: passing on the output of " + name + " failed; what it was passing on is " +
                "dropped and it goes on with the rest (reported once): " + failure);
        }
        catch (final RuntimeException | Error ex)
        {
            // nowhere left to say it; the pump goes on, so that the spoke never blocks on a full pipe
        }
    }
}

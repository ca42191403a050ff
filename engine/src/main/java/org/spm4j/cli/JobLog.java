package org.spm4j.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A job log in GNU parallel's {@code --joblog} format, one tab-separated line per command as it is printed:
 * sequence number, host, start time (epoch seconds), run time (seconds), bytes sent, bytes received, exit value,
 * signal, command. Host is {@code :}, the local node; bytes received count the command's stdout and stderr; a
 * command killed at its deadline has exit value -1 and signal 9. Flushed line by line, so that a run stopped by a
 * signal leaves the lines of what ended. Not thread-safe.
 */
final class JobLog implements AutoCloseable
{
    private static final String HEADER = "Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand\n";
    private static final int KILL_SIGNAL = 9;

    private final OutputStream out;

    private JobLog(final OutputStream out)
    {
        this.out = out;
    }

    /**
     * @param file where to write the log, replaced if it exists.
     * @return the log, its header written.
     * @throws BadInputException if the file cannot be written.
     */
    static JobLog create(final Path file)
    {
        try
        {
            final JobLog log = new JobLog(new BufferedOutputStream(Files.newOutputStream(file)));
            log.out.write(HEADER.getBytes(StandardCharsets.US_ASCII));
            return log;
        }
        catch (final IOException ex)
        {
            throw new BadInputException("cannot write the job log " + file + ": " + ex, ex);
        }
    }

    /**
     * @param sequence     the job's number.
     * @param startEpochMs when it started, in ms since the epoch.
     * @param runtimeMs    how long it ran.
     * @param received     bytes of output it wrote.
     * @param exitValue    its exit value.
     * @param killed       true if it was killed at its deadline.
     * @param line         its command line.
     */
    void append(
        final int sequence,
        final long startEpochMs,
        final long runtimeMs,
        final long received,
        final int exitValue,
        final boolean killed,
        final byte[] line)
    {
        final String fields = String.format(Locale.ROOT, "%d\t:\t%d.%03d\t%d.%03d\t0\t%d\t%d\t%d\t", sequence,
            startEpochMs / 1000, startEpochMs % 1000, runtimeMs / 1000, runtimeMs % 1000, received,
            killed ? -1 : exitValue, killed ? KILL_SIGNAL : 0);
        try
        {
            out.write(fields.getBytes(StandardCharsets.US_ASCII));
            out.write(line);
            out.write('\n');
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the job log", ex);
        }
    }

    @Override
    public void close()
    {
        try
        {
            out.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the job log", ex);
        }
    }
}

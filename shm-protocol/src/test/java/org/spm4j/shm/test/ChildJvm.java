package org.spm4j.shm.test;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.spm4j.shm.JvmFlags;

/**
 * A separate JVM running a test's main class on the test classpath. Its stdout is read line by line so
 * a test can await what the child announces; stderr goes to the test's stderr. Closing kills it.
 */
public final class ChildJvm implements AutoCloseable
{
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(final Process process)
    {
        this.process = process;
        final Thread reader = new Thread(this::pumpStdout, "child-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Start {@code mainClass} in a new JVM with the protocol's flags.
     *
     * @param mainClass class with a {@code main(String[])}.
     * @param args      its arguments.
     * @return the running child.
     * @throws IOException if the JVM cannot be started.
     */
    public static ChildJvm start(final Class<?> mainClass, final String... args) throws IOException
    {
        return start(List.of(System.getProperty("java.class.path").split(File.pathSeparator)), mainClass, args);
    }

    /**
     * Start {@code mainClass} in a new JVM with the protocol's flags and the given classpath, for a
     * child that must not see everything the tests see.
     *
     * @param classpath the child's classpath entries.
     * @param mainClass class with a {@code main(String[])}.
     * @param args      its arguments.
     * @return the running child.
     * @throws IOException if the JVM cannot be started.
     */
    public static ChildJvm start(final List<String> classpath, final Class<?> mainClass, final String... args)
        throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.required());
        command.add("-XX:+UseSerialGC");
        command.add("-XX:ActiveProcessorCount=1");
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /**
     * @return the child's process id.
     */
    public long pid()
    {
        return process.pid();
    }

    /**
     * Wait for the next stdout line that starts with {@code prefix}, skipping others.
     *
     * @param prefix  what the line starts with.
     * @param timeout how long to wait.
     * @return the whole line.
     * @throws InterruptedException if interrupted while waiting.
     */
    public String awaitLine(final String prefix, final Duration timeout) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (true)
        {
            final String line = lines.poll(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null)
            {
                throw new AssertionError("child " + pid() + " printed no line starting with '" + prefix +
                    "' within " + timeout);
            }
            if (EOF.equals(line))
            {
                throw new AssertionError("child " + pid() + " ended before printing a line starting with '" +
                    prefix + "'");
            }
            if (line.startsWith(prefix))
            {
                return line;
            }
        }
    }

    /**
     * Wait for the child to close its stdout, normally by exiting, and return every line that
     * {@link #awaitLine} has not taken, so a test can check all the child printed.
     *
     * @param timeout how long to wait.
     * @return the lines in the order printed.
     * @throws InterruptedException if interrupted while waiting.
     */
    public List<String> awaitRemainingLines(final Duration timeout) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        final List<String> remaining = new ArrayList<>();
        while (true)
        {
            final String line = lines.poll(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null)
            {
                throw new AssertionError("child " + pid() + " did not close its stdout within " + timeout +
                    "; printed " + remaining);
            }
            if (EOF.equals(line))
            {
                lines.add(EOF);
                return remaining;
            }
            remaining.add(line);
        }
    }

    /**
     * @param timeout how long to wait for the child to exit.
     * @return its exit code.
     * @throws InterruptedException if interrupted while waiting.
     */
    public int awaitExit(final Duration timeout) throws InterruptedException
    {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        {
            throw new AssertionError("child " + pid() + " did not exit within " + timeout);
        }
        return process.exitValue();
    }

    /**
     * Kill the child with SIGKILL and wait for it to be gone.
     */
    public void kill()
    {
        process.destroyForcibly();
        try
        {
            process.waitFor();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close()
    {
        kill();
    }

    private void pumpStdout()
    {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                lines.add(line);
            }
        }
        catch (final IOException ignore)
        {
            // the child is gone; EOF below tells waiters
        }
        lines.add(EOF);
    }
}

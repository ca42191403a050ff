package org.spm4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.spm4j.shm.JvmFlags;

/**
 * The command line of a child JVM that a benchmark starts beside itself: this JVM's java and classpath,
 * the protocol's flags for its JDK, no bounds checks, one processor, the serial collector and a small heap,
 * the way spokes are sized. A child given a pipe as stdin can exit when it reaches end of file, that is
 * when its parent is gone.
 */
public final class ChildJvm
{
    private static final long EXIT_TIMEOUT_S = 10;

    private ChildJvm()
    {
    }

    /**
     * @param main main class, on this JVM's classpath.
     * @param args its arguments.
     * @return the command that runs it in a child JVM.
     */
    public static List<String> command(final Class<?> main, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(JvmFlags.required());
        command.add(BenchJvmArgs.NO_BOUNDS_CHECKS);
        command.add("-XX:ActiveProcessorCount=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * @return the java launcher of this JVM.
     */
    public static String java()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * In a child JVM: start a daemon thread that ends this JVM once stdin reaches end of file, which happens
     * when the parent dies without killing it. Only for a child that reads nothing else from stdin.
     */
    public static void exitWhenParentGone()
    {
        final Thread watcher = new Thread(ChildJvm::haltAtEndOfStdin, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Kill a child and wait a while for it to be gone; nothing happens for null.
     *
     * @param child a child process, or null.
     */
    public static void kill(final Process child)
    {
        if (null == child)
        {
            return;
        }
        child.destroyForcibly();
        try
        {
            child.waitFor(EXIT_TIMEOUT_S, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void haltAtEndOfStdin()
    {
        final InputStream stdin = System.in;
        try
        {
            while (stdin.read() >= 0)
            {
                // the parent writes nothing; only the end of the stream matters
            }
        }
        catch (final IOException ignore)
        {
            // a broken pipe means the same as end of file
        }
        Runtime.getRuntime().halt(0);
    }
}

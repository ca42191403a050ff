package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Processes a test started, directly or not, to check that a fault took them all with it, and to kill them
 * whatever the outcome. A killed process whose parent is gone may stay a zombie under a pid 1 that does not
 * reap; a zombie runs nothing, so it counts as gone.
 */
public final class ProcessesLeft implements AutoCloseable
{
    private final List<ProcessHandle> processes;

    private ProcessesLeft(final List<ProcessHandle> processes)
    {
        this.processes = processes;
    }

    /**
     * @param root a process.
     * @return it and its descendants as they are now.
     */
    public static ProcessesLeft treeOf(final long root)
    {
        final List<ProcessHandle> tree = new ArrayList<>();
        ProcessHandle.of(root).ifPresent(process ->
            Stream.concat(Stream.of(process), process.descendants()).forEach(tree::add));
        return new ProcessesLeft(tree);
    }

    /**
     * Wait until the tree of a process holds, for each marker, a process whose command line contains it.
     *
     * @param root    a process.
     * @param timeout how long to wait.
     * @param markers what the command lines hold.
     * @return the tree as it is then.
     */
    public static ProcessesLeft awaitTreeWith(final long root, final Duration timeout, final String... markers)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (true)
        {
            final ProcessesLeft tree = treeOf(root);
            if (Stream.of(markers).allMatch(tree::holds))
            {
                return tree;
            }
            assertTrue(System.nanoTime() < deadlineNs, "no process holding each of " + List.of(markers) +
                " in the tree of " + root + " after " + timeout + ": " + tree.running());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /**
     * @return the process ids, in the order found.
     */
    public List<Long> pids()
    {
        return processes.stream().map(ProcessHandle::pid).toList();
    }

    /**
     * @param timeout how long they may take.
     * @throws AssertionError naming those still running after the timeout.
     */
    public void awaitAllGone(final Duration timeout)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        List<String> running;
        while (!(running = running()).isEmpty())
        {
            assertTrue(System.nanoTime() < deadlineNs, "still running after " + timeout + ": " + running);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /**
     * Kill those still running.
     */
    @Override
    public void close()
    {
        processes.stream().filter(ProcessesLeft::isRunning).forEach(ProcessHandle::destroyForcibly);
    }

    private boolean holds(final String marker)
    {
        return processes.stream().anyMatch(process -> process.info().commandLine().orElse("").contains(marker));
    }

    private List<String> running()
    {
        return processes.stream()
            .filter(ProcessesLeft::isRunning)
            .map(process -> process.pid() + " " + process.info().commandLine().orElse("?"))
            .toList();
    }

    /**
     * The handle also checks the start time, so a pid reused by another process does not count.
     *
     * @param process a process.
     * @return true if it is alive and no zombie.
     */
    static boolean isRunning(final ProcessHandle process)
    {
        if (!process.isAlive())
        {
            return false;
        }
        try
        {
            final String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return 'Z' != stat.charAt(stat.lastIndexOf(')') + 2);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}

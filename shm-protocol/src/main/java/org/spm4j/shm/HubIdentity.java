package org.spm4j.shm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Who created a pool: a process id together with that process's start time, so that a pid the
 * operating system has since handed to another process is not mistaken for a live hub.
 *
 * @param pid         process id of the hub.
 * @param startTimeMs start time of the hub process in epoch milliseconds, {@link #UNKNOWN_START_TIME}
 *                    where the platform does not say.
 */
public record HubIdentity(long pid, long startTimeMs)
{
    /** Start time recorded when the platform cannot tell when a process started. */
    public static final long UNKNOWN_START_TIME = 0;

    /**
     * @return the identity of the current process.
     */
    public static HubIdentity current()
    {
        return of(ProcessHandle.current());
    }

    /**
     * @param process a process handle.
     * @return its identity.
     */
    public static HubIdentity of(final ProcessHandle process)
    {
        return new HubIdentity(process.pid(), startTimeMs(process));
    }

    /**
     * @return true if a process with this pid is running and started at the recorded time.
     */
    public boolean isAlive()
    {
        return ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .map(process -> startTimeMs == UNKNOWN_START_TIME || startTimeMs == startTimeMs(process))
            .orElse(false) && !isZombie(pid);
    }

    /**
     * A killed process whose parent has not reaped it yet still answers signals, but it is dead.
     */
    private static boolean isZombie(final long pid)
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            final int endOfName = stat.lastIndexOf(')');
            return endOfName > 0 && endOfName + 2 < stat.length() && 'Z' == stat.charAt(endOfName + 2);
        }
        catch (final IOException | RuntimeException ex)
        {
            return false;
        }
    }

    private static long startTimeMs(final ProcessHandle process)
    {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(UNKNOWN_START_TIME);
    }
}

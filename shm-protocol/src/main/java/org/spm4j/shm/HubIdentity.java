package org.spm4j.shm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    /** Largest process id: pids are 32-bit, and {@link ProcessHandle#of} cuts a longer one to another pid. */
    public static final long MAX_PID = Integer.MAX_VALUE;

    private static final String THREAD_GROUP_ID_FIELD = "Tgid:";
    private static final boolean PLATFORM_RECORDS_START_TIMES = UNKNOWN_START_TIME != current().startTimeMs();

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
     * @return what makes this identity impossible for a process on this machine, or null if nothing does:
     *         the pid must be 1 to {@link #MAX_PID}, the start time after the epoch, or
     *         {@link #UNKNOWN_START_TIME} where the platform does not record start times.
     */
    public String problem()
    {
        if (!isPossiblePid(pid))
        {
            return "pid " + pid + " is outside 1.." + MAX_PID;
        }
        if (startTimeMs < 0 || UNKNOWN_START_TIME == startTimeMs && PLATFORM_RECORDS_START_TIMES)
        {
            return "start time " + startTimeMs + " ms is not one this platform records";
        }
        return null;
    }

    /**
     * @return true if a process with this pid is running and started at the recorded time.
     */
    public boolean isAlive()
    {
        return isPossiblePid(pid) && ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .map(process -> startTimeMs == UNKNOWN_START_TIME || startTimeMs == startTimeMs(process))
            .orElse(false) && !isZombie(pid) && !isThreadOfAnotherProcess(pid);
    }

    private static boolean isPossiblePid(final long pid)
    {
        return pid >= 1 && pid <= MAX_PID;
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

    /**
     * Linux answers for the id of a thread as for a process, with its process's start time, so a hub's
     * pid plus one may look like the hub itself.
     */
    private static boolean isThreadOfAnotherProcess(final long pid)
    {
        try
        {
            for (final String line : Files.readAllLines(
                Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.ISO_8859_1))
            {
                if (line.startsWith(THREAD_GROUP_ID_FIELD))
                {
                    return Long.parseLong(line.substring(THREAD_GROUP_ID_FIELD.length()).strip()) != pid;
                }
            }
            return false;
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

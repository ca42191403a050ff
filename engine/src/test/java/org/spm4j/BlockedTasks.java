package org.spm4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A task that blocks the first time it runs, leaving a marker with the pid of the spoke that runs it, so a
 * test can do something to that spoke, or to the hub, while it is busy.
 */
final class BlockedTasks
{
    /** The argument whose task blocks. */
    static final int BLOCKED = 3;

    private BlockedTasks()
    {
    }

    /**
     * @return x, after blocking for a minute the first time x is {@link #BLOCKED}.
     */
    static int blockFirstTime(final String markers, final Integer x) throws IOException, InterruptedException
    {
        final Path marker = Path.of(markers, "blocked-" + x);
        if (BLOCKED == x && !Files.exists(marker))
        {
            Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
            Thread.sleep(60_000);
        }
        return x;
    }

    /**
     * @return x, after waiting, the first time x is {@link #BLOCKED}, until the test calls {@link #release} (30 s
     *         at most).
     */
    static int blockUntilReleased(final String markers, final Integer x) throws IOException, InterruptedException
    {
        final Path marker = Path.of(markers, "blocked-" + x);
        if (BLOCKED == x && !Files.exists(marker))
        {
            Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(Path.of(markers, "released")) && System.nanoTime() < deadlineNs)
            {
                Thread.sleep(5);
            }
        }
        return x;
    }

    /**
     * Let a task blocked in {@link #blockUntilReleased} go on.
     */
    static void release(final String markers) throws IOException
    {
        Files.writeString(Path.of(markers, "released"), "go");
    }

    /**
     * @return the pid of the spoke blocked in the task, once it is.
     */
    static long awaitBlockedSpoke(final String markers) throws IOException
    {
        final Path marker = Path.of(markers, "blocked-" + BLOCKED);
        while (true)
        {
            if (Files.exists(marker))
            {
                final String text = Files.readString(marker).strip();
                if (!text.isEmpty())
                {
                    return Long.parseLong(text);
                }
            }
            Thread.onSpinWait();
        }
    }
}

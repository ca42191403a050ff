package org.spm4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

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
     * @return x, after waiting until the test calls {@link #release} (30 s at most), leaving a marker that names the
     *         spoke running it, so that a test can wait until every spoke is busy and none is writing to the hub.
     */
    static int blockEachUntilReleased(final String markers, final Integer x) throws IOException, InterruptedException
    {
        Files.writeString(Path.of(markers, "busy-" + ProcessHandle.current().pid()), "");
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(Path.of(markers, "released")) && System.nanoTime() < deadlineNs)
        {
            Thread.sleep(5);
        }
        return x;
    }

    /**
     * @return the pids of the spokes blocked in {@link #blockEachUntilReleased}, once there are {@code count}.
     */
    static List<Long> awaitBusySpokes(final String markers, final int count)
    {
        final AtomicReference<List<Long>> busy = new AtomicReference<>();
        PoolProbe.awaitTrue(() -> count <= busy.updateAndGet(ignored -> busySpokes(markers)).size(),
            count + " spokes busy");
        return busy.get();
    }

    private static List<Long> busySpokes(final String markers)
    {
        try (Stream<Path> files = Files.list(Path.of(markers)))
        {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith("busy-"))
                .map(name -> Long.parseLong(name.substring("busy-".length()))).sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Let a task blocked in {@link #blockUntilReleased} or {@link #blockEachUntilReleased} go on.
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

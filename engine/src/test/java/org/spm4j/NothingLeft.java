package org.spm4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a fault must not leave behind, checked after each test whether it passed or not: a process this JVM
 * started, directly or not, while the test ran, and a file under the test's pool root. Whatever is left is
 * killed or removed, and fails the test. Each test gets its own directory, where pools live ({@code /dev/shm}
 * when the machine has one).
 */
final class NothingLeft implements BeforeEachCallback, AfterEachCallback
{
    private static final Path SHM = Path.of("/dev/shm");
    private static final Duration EXIT_BOUND = Duration.ofSeconds(15);

    private Set<Long> processesBefore;
    private Path root;

    /**
     * @return the test's directory, removed after it.
     */
    Path root()
    {
        return root;
    }

    /**
     * @return where the test's pools live: nothing may be left there once they are closed.
     */
    Path pools()
    {
        return root.resolve("pools");
    }

    @Override
    public void beforeEach(final ExtensionContext context) throws IOException
    {
        processesBefore = descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        final Path parent = Files.isDirectory(SHM) && Files.isWritable(SHM) ?
            SHM : Path.of(System.getProperty("java.io.tmpdir"));
        root = Files.createTempDirectory(parent, "spm4j-fault-");
    }

    @Override
    public void afterEach(final ExtensionContext context) throws IOException
    {
        final List<String> processes = awaitNewProcessesGone();
        final List<Path> files = filesUnder(pools());
        removeAll(root);
        if (!processes.isEmpty())
        {
            throw new AssertionError("still running " + EXIT_BOUND + " after the test, now killed: " + processes);
        }
        if (!files.isEmpty())
        {
            throw new AssertionError("left under the pool root: " + files);
        }
    }

    private List<String> awaitNewProcessesGone()
    {
        final long deadlineNs = System.nanoTime() + EXIT_BOUND.toNanos();
        List<ProcessHandle> running;
        while (!(running = newProcesses()).isEmpty() && System.nanoTime() < deadlineNs)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        final List<String> left = new ArrayList<>();
        for (final ProcessHandle process : running)
        {
            left.add(process.pid() + " " + process.info().commandLine().orElse("?"));
            process.destroyForcibly();
        }
        return left;
    }

    private List<ProcessHandle> newProcesses()
    {
        return descendants()
            .filter(process -> !processesBefore.contains(process.pid()) && ProcessesLeft.isRunning(process))
            .toList();
    }

    private static Stream<ProcessHandle> descendants()
    {
        return ProcessHandle.current().descendants();
    }

    private static List<Path> filesUnder(final Path directory) throws IOException
    {
        if (!Files.exists(directory))
        {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            return paths.filter(path -> !path.equals(directory)).sorted().toList();
        }
    }

    private static void removeAll(final Path directory) throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(path);
            }
        }
    }
}

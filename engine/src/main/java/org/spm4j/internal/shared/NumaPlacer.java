package org.spm4j.internal.shared;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.spm4j.MemoryPlacement;

/**
 * Places a new segment's pages on NUMA nodes: {@code fallocate} run under {@code numactl} allocates every page of
 * the file under that memory policy, and tmpfs pages stay where they were allocated. The machine's nodes are read
 * from sysfs, which a test replaces with a directory of its own.
 */
final class NumaPlacer
{
    static final Path SYSFS_NODES = Path.of("/sys/devices/system/node");
    private static final long WAIT_MINUTES = 5;

    private final Path nodesDirectory;
    private final String numactl;

    /**
     * @param nodesDirectory a directory holding one {@code node<N>} directory per NUMA node.
     * @param numactl        the numactl program.
     */
    NumaPlacer(final Path nodesDirectory, final String numactl)
    {
        this.nodesDirectory = nodesDirectory;
        this.numactl = numactl;
    }

    /**
     * @return this machine's NUMA nodes in order; {@code [0]} where sysfs does not say.
     */
    List<Integer> nodes()
    {
        if (!Files.isDirectory(nodesDirectory))
        {
            return List.of(0);
        }
        try (Stream<Path> entries = Files.list(nodesDirectory))
        {
            final List<Integer> nodes = entries.map(entry -> entry.getFileName().toString())
                .filter(name -> name.matches("node[0-9]+"))
                .map(name -> Integer.parseInt(name.substring("node".length())))
                .sorted()
                .toList();
            return nodes.isEmpty() ? List.of(0) : nodes;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list the NUMA nodes in " + nodesDirectory, ex);
        }
    }

    /**
     * @param placement not {@link MemoryPlacement#DEFAULT}.
     * @param file      the segment to make.
     * @param bytes     its size.
     * @return the command that makes it, its pages placed.
     * @throws IllegalArgumentException naming the machine's nodes if the placement names another.
     */
    List<String> command(final MemoryPlacement placement, final Path file, final long bytes)
    {
        final String policy;
        if (placement.isInterleaved())
        {
            policy = "--interleave=all";
        }
        else
        {
            final List<Integer> nodes = nodes();
            if (!nodes.contains(placement.node()))
            {
                throw new IllegalArgumentException(placement + " is not on this machine; its NUMA nodes are " + nodes);
            }
            policy = "--membind=" + placement.node();
        }
        return List.of(numactl, policy, "fallocate", "--length", Long.toString(bytes), file.toString());
    }

    /**
     * Make the file, {@code bytes} of zeros on the placement's nodes.
     *
     * @throws IllegalStateException with the command's own words if it cannot.
     */
    void allocate(final MemoryPlacement placement, final Path file, final long bytes)
    {
        final List<String> command = command(placement, file, bytes);
        final Process process;
        try
        {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("placing a shared array (" + placement + ") needs numactl and " +
                "fallocate on the PATH (Debian: apt-get install numactl util-linux): " + ex.getMessage(), ex);
        }
        try
        {
            process.getOutputStream().close();
            if (!process.waitFor(WAIT_MINUTES, TimeUnit.MINUTES))
            {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end in " + WAIT_MINUTES +
                    " minutes");
            }
            if (0 != process.exitValue())
            {
                // a failure's few lines fit the pipe, so the process never waited on this read
                final String output = new String(process.getInputStream().readAllBytes(), UTF_8).strip();
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code " +
                    process.exitValue() + (output.isEmpty() ? "" : ": " + output));
            }
            // fallocate made it under the umask
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot finish " + String.join(" ", command), ex);
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while placing " + file, ex);
        }
        finally
        {
            if (process.isAlive() || 0 != process.exitValue())
            {
                SegmentFile.deleteQuietly(file);
            }
        }
    }
}

package org.spm4j.internal.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.MemoryPlacement;
import org.spm4j.SharedDoubles;

/**
 * NUMA placement of shared arrays on a fake topology of one node, with a stand-in numactl that records its
 * command line and runs the rest of it, and the check that an array fits before anything is written.
 */
class SharedArrayPlacementTest
{
    @TempDir
    private Path directory;

    @Test
    void shouldReadTheNodesOfTheTopologyAndRefuseANodeItLacks() throws IOException
    {
        final NumaPlacer placer = new NumaPlacer(oneNodeTopology(), "numactl");

        assertEquals(List.of(0), placer.nodes());
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> placer.command(MemoryPlacement.node(1), directory.resolve("a"), 64));
        assertEquals("NUMA node 1 is not on this machine; its NUMA nodes are [0]", ex.getMessage());
        final Path file = directory.resolve("a");
        assertEquals(List.of("numactl", "--membind=0", "fallocate", "--length", "64", file.toString()),
            placer.command(MemoryPlacement.node(0), file, 64));
        assertEquals("--interleave=all", placer.command(MemoryPlacement.interleaved(), file, 8).get(1));
        assertEquals(List.of(0), new NumaPlacer(directory.resolve("no sysfs"), "numactl").nodes());
    }

    @Test
    void shouldPlaceTheArrayWithNumactlAndFillItAfterwards() throws IOException
    {
        final Path log = directory.resolve("numactl.log");
        final SharedArrays arrays = new SharedArrays(directory.resolve("pool"),
            new NumaPlacer(oneNodeTopology(), standInNumactl(log).toString()));

        final SharedDoubles shared = arrays.placed(MemoryPlacement.node(0)).share(new double[] {1.5, 2.5, 3.5});
        final SharedDoubles zeros = arrays.placed(MemoryPlacement.interleaved()).allocateDoubles(5);

        assertArrayEquals(new double[] {1.5, 2.5, 3.5}, shared.toArray());
        assertArrayEquals(new double[5], zeros.toArray());
        assertEquals(List.of("--membind=0 fallocate --length 24 " + shared.path(),
            "--interleave=all fallocate --length 40 " + zeros.path()), Files.readAllLines(log));
        arrays.closeAll();
        assertFalse(Files.exists(Path.of(shared.path())));
    }

    @Test
    void shouldSayWhatToInstallWhenNumactlIsMissing() throws IOException
    {
        final SharedArrays arrays = new SharedArrays(directory.resolve("pool"),
            new NumaPlacer(oneNodeTopology(), directory.resolve("no-numactl").toString()));

        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> arrays.placed(MemoryPlacement.interleaved()).allocateLongs(10));
        assertTrue(ex.getMessage().startsWith("placing a shared array (interleaved over every NUMA node) needs " +
            "numactl and fallocate on the PATH"), ex.getMessage());
        assertEquals(List.of(), arrays.open());
    }

    @Test
    void shouldRefuseAnArrayLargerThanTheFreeSpaceNamingBoth()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> SegmentFile.checkFits(directory, "a shared double[9]", Long.MAX_VALUE));

        assertTrue(ex.getMessage().matches("a shared double\\[9] needs " + Long.MAX_VALUE + " bytes; " + directory +
            " has \\d+ bytes free"), ex.getMessage());
    }

    private Path oneNodeTopology() throws IOException
    {
        final Path nodes = directory.resolve("node");
        Files.createDirectories(nodes.resolve("node0"));
        Files.createDirectories(nodes.resolve("power"));
        return nodes;
    }

    private Path standInNumactl(final Path log) throws IOException
    {
        final Path script = directory.resolve("numactl");
        Files.writeString(script, "#!/bin/sh\necho \"$*\" >> '" + log + "'\nshift\nexec \"$@\"\n");
        assertTrue(script.toFile().setExecutable(true));
        return script;
    }
}

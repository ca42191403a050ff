package org.spm4j.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.spm4j.Placement;
import org.spm4j.shm.JvmFlags;

/**
 * Builds the command line of a spoke JVM: the hub's java and classpath, the flags the protocol needs,
 * processor and GC thread counts sized for its share of the node, and the placement prefix.
 */
final class SpokeLauncher
{
    private static final Path NODES = Path.of("/sys/devices/system/node");

    private final PoolConfig config;
    private final Path poolFile;
    private final Path journalDirectory;
    private final int processorsPerSpoke;
    private final List<String> placementTool;
    private final int numaNodes;

    SpokeLauncher(final PoolConfig config, final Path poolFile, final Path journalDirectory)
    {
        this.config = config;
        this.poolFile = poolFile;
        this.journalDirectory = journalDirectory;
        this.processorsPerSpoke = Math.max(1, Runtime.getRuntime().availableProcessors() / config.spokes());
        this.numaNodes = countNumaNodes();
        this.placementTool = placementTool(config.placement());
    }

    List<String> command(final int spokeId)
    {
        final List<String> command = new ArrayList<>(placementPrefix(spokeId));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.required());
        command.add("-XX:ActiveProcessorCount=" + processorsPerSpoke);
        command.add("-XX:+UseSerialGC");
        command.add("-XX:CICompilerCount=2");
        command.add("-Xss1m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(config.spokeJvmOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SpokeMain.class.getName());
        command.add(poolFile.toString());
        command.add(Integer.toString(spokeId));
        command.add(config.idle().name());
        command.add(journalDirectory.toString());
        command.add(Integer.toString(config.inboxCapacity()));
        command.add(null == config.codec() ? Codecs.DEFAULT : config.codec());
        command.add(String.join(",", config.allowedClasses()));
        return command;
    }

    private List<String> placementPrefix(final int spokeId)
    {
        if (placementTool.isEmpty())
        {
            return List.of();
        }
        final List<String> prefix = new ArrayList<>(placementTool);
        if (Placement.CORES == config.placement())
        {
            prefix.add(Integer.toString(spokeId % Runtime.getRuntime().availableProcessors()));
        }
        else
        {
            final int node = spokeId % numaNodes;
            prefix.add("--cpunodebind=" + node);
            prefix.add("--membind=" + node);
        }
        return prefix;
    }

    private static List<String> placementTool(final Placement placement)
    {
        return switch (placement)
        {
            case NONE -> List.of();
            case CORES -> onPath("taskset") ? List.of("taskset", "-c") : warnNoPinning("taskset", placement);
            case NUMA -> onPath("numactl") ? List.of("numactl") : warnNoPinning("numactl", placement);
        };
    }

    private static List<String> warnNoPinning(final String tool, final Placement placement)
    {
        System.err.println("spm4j: placement " + placement + " needs '" + tool + "', which is not on the PATH; " +
            "spokes run unpinned");
        return List.of();
    }

    private static boolean onPath(final String tool)
    {
        final String path = System.getenv("PATH");
        if (null == path)
        {
            return false;
        }
        for (final String directory : path.split(java.io.File.pathSeparator))
        {
            if (Files.isExecutable(Path.of(directory, tool)))
            {
                return true;
            }
        }
        return false;
    }

    private static int countNumaNodes()
    {
        try (var nodes = Files.list(NODES))
        {
            return (int)Math.max(1, nodes.filter(node -> node.getFileName().toString().matches("node\\d+")).count());
        }
        catch (final java.io.IOException | RuntimeException ex)
        {
            return 1;
        }
    }
}

package org.spm4j.internal.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.spm4j.Placement;
import org.spm4j.internal.PoolConfig;
import org.spm4j.internal.spoke.SpokeCommand;
import org.spm4j.shm.SpokeSlot;
import org.spm4j.shm.SpokeState;

/**
 * Launches spoke JVMs as children of the hub: the pool's {@link SpokeCommand}, with processor and GC thread
 * counts sized for a spoke's share of the node, behind the placement prefix.
 */
public final class SpokeLauncher implements SpokeStarter
{
    private static final Path NODES = Path.of("/sys/devices/system/node");

    private final PoolConfig config;
    private final SpokeCommand command;
    private final int processorsPerSpoke;
    private final List<String> placementTool;
    private final int numaNodes;

    SpokeLauncher(final PoolConfig config, final SpokeCommand command)
    {
        this.config = config;
        this.command = command;
        this.processorsPerSpoke = Math.max(1, Runtime.getRuntime().availableProcessors() / config.spokes());
        this.numaNodes = countNumaNodes();
        this.placementTool = placementTool(config.placement());
    }

    @Override
    public SpokeProcess start(final SpokeSlot slot)
    {
        slot.stateRelease(SpokeState.STARTING);
        return ChildSpokeProcess.launch("spoke " + slot.spokeId(), command(slot.spokeId()));
    }

    @Override
    public boolean isExternal()
    {
        return false;
    }

    List<String> command(final int spokeId)
    {
        final List<String> commandLine = new ArrayList<>(placementPrefix(spokeId));
        commandLine.addAll(command.commandLine(Integer.toString(spokeId), processorsPerSpoke));
        return commandLine;
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

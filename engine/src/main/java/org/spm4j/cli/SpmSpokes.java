package org.spm4j.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.spm4j.internal.local.FailedStarts;
import org.spm4j.internal.local.SpokeSupervisor;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.ProtocolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code spm spokes}: starts spokes that attach to a pool whose hub waits for external spokes, and looks after
 * them until the pool closes.
 */
@Command(
    name = "spokes",
    header = "Starts spokes that attach to a pool waiting for external spokes.",
    mixinStandardHelpOptions = true,
    versionProvider = SpmVersion.class,
    description = {
        "For a hub built with PoolBuilder.externalSpokes(): starts N spoke JVMs, with the hub's java, class path " +
            "and options, that attach to empty slots of the pool. Each spoke sizes its threads for its share of " +
            "the processors this command may use, so run it under numactl or taskset to place the spokes.",
        "A spoke that dies while the pool lives is started again once the hub has freed its slot, unless it died " +
            "before it was READY " + FailedStarts.MAX_IN_A_ROW + " times in a row. The command returns when " +
            "every spoke has stopped: when the hub closes the pool, or dies. Interrupting it kills its spokes.",
    },
    exitCodeListHeading = Spm.EXIT_CODES_HEADING,
    exitCodeList = {"0:the pool closed and its spokes stopped", "1:spokes were given up on: they kept dying before " +
        "READY, or the hub died", "2:bad input: an unknown or dead pool, fewer empty slots than asked for, a bad " +
        "option", Spm.EXIT_CODE_ERROR},
    footer = {"%nExamples:%n  spm spokes --pool sim -n 4%n" +
        "  numactl --cpunodebind=1 --membind=1 spm spokes --pool sim -n 8"})
final class SpmSpokes implements Callable<Integer>
{
    @ParentCommand
    private Spm spm;

    @Spec
    private CommandSpec spec;

    @Option(names = "--pool", paramLabel = "POOL",
        description = "The pool's name under the root, or its directory (default: the only pool under the root).")
    private String pool;

    @Option(names = "-n", paramLabel = "N", description = "How many spokes to start (default: one per empty slot).")
    private Integer count;

    @Option(names = "--root", paramLabel = "DIR", description = "The pool root (default: /dev/shm/spm4j-<user>).")
    private Path root = PoolDirectory.defaultRoot();

    @Override
    public Integer call() throws InterruptedException
    {
        if (null != count && count < 1)
        {
            throw new ParameterException(spec.commandLine(), "-n must be at least 1: " + count);
        }
        final PoolDirectory directory = Pools.find(pool, root);
        try (SpokeSupervisor supervisor = attach(directory))
        {
            final Thread killSpokes = new Thread(supervisor::close, "spm-spokes-shutdown");
            Runtime.getRuntime().addShutdownHook(killSpokes);
            final int abandoned = supervisor.run();
            Runtime.getRuntime().removeShutdownHook(killSpokes);
            spm.err().println("spm spokes: pool " + directory.poolId() + " had " + supervisor.spokeCount() +
                " external spokes; " + supervisor.restarts() + " started again after they died, " + abandoned +
                " given up on");
            return 0 == abandoned ? Spm.OK : Spm.FAILED;
        }
    }

    private SpokeSupervisor attach(final PoolDirectory directory)
    {
        try
        {
            return new SpokeSupervisor(directory.path(), null == count ? 0 : count, spm.err());
        }
        catch (final ProtocolException | IllegalArgumentException | UncheckedIOException ex)
        {
            throw new BadInputException("cannot attach spokes to pool " + directory.poolId() + ": " + ex.getMessage(),
                ex);
        }
    }
}

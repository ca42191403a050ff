package org.spm4j.cli;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.spm4j.internal.PoolSnapshot;
import org.spm4j.internal.shared.SharedArrayFiles;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.ProtocolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code spm stat}: a pool's hub, spokes and counters, read from its pool file without writing to it.
 */
@Command(
    name = "stat",
    header = "Shows a pool's spokes and counters, live.",
    mixinStandardHelpOptions = true,
    versionProvider = SpmVersion.class,
    description = "Reads a pool's file, as any process may, without disturbing the pool: its hub, each spoke " +
        "(pid, state, heartbeat age, the closure it runs and for how long, its counters), the pool-wide counters " +
        "and the shared arrays with their sizes.",
    exitCodeListHeading = Spm.EXIT_CODES_HEADING,
    exitCodeList = {Spm.EXIT_CODE_OK, Spm.EXIT_CODE_BAD_INPUT},
    footer = {"%nExamples:%n  spm stat%n  spm stat p4242-1 --json%n  spm stat --watch 1"})
final class SpmStat implements Callable<Integer>
{
    /** Cursor home, then erase the screen: a watch redraws in place on a terminal. */
    private static final String CLEAR_SCREEN = "\033[H\033[2J";

    @ParentCommand
    private Spm spm;

    @Parameters(arity = "0..1", paramLabel = "POOL",
        description = "A pool id under the root, or a pool directory (default: the only pool under the root).")
    private String target;

    @Option(names = "--root", paramLabel = "DIR", description = "The pool root (default: /dev/shm/spm4j-<user>).")
    private Path root = PoolDirectory.defaultRoot();

    @Option(names = "--json", description = "Print one JSON object per snapshot.")
    private boolean json;

    @Option(names = "--watch", paramLabel = "SECONDS", description = "Print a snapshot every SECONDS until " +
        "interrupted or the pool is gone.")
    private int watchSeconds;

    @Override
    public Integer call() throws InterruptedException
    {
        final PoolDirectory pool = Pools.find(target, root);
        final boolean redraw = watchSeconds > 0 && !json && null != System.console();
        boolean shown = false;
        do
        {
            final PoolSnapshot snapshot;
            try
            {
                snapshot = PoolSnapshot.read(pool.poolFile(), System.currentTimeMillis());
            }
            catch (final ProtocolException | UncheckedIOException ex)
            {
                if (shown && !Files.exists(pool.poolFile()))
                {
                    // watched until its hub closed it: the end of the watch, not an error
                    spm.out().println("pool " + pool.poolId() + " is gone: its hub closed it");
                    return Spm.OK;
                }
                throw ex instanceof ProtocolException ? new BadInputException(ex.getMessage(), ex) : ex;
            }
            shown = true;
            spm.out().print(redraw ? CLEAR_SCREEN : "");
            spm.out().println(json ? json(pool, snapshot) : text(pool, snapshot));
            if (watchSeconds > 0)
            {
                Thread.sleep(watchSeconds * 1000L);
            }
        }
        while (watchSeconds > 0 && !Thread.currentThread().isInterrupted());
        return Spm.OK;
    }

    private static String text(final PoolDirectory pool, final PoolSnapshot snapshot)
    {
        final StringBuilder text = new StringBuilder();
        text.append("pool ").append(pool.poolId()).append(" at ").append(pool.path()).append('\n')
            .append("hub pid ").append(snapshot.hub().pid()).append(snapshot.hubAlive() ? ", running" : ", gone")
            .append(", heartbeat ").append(snapshot.hubHeartbeatAgeMs()).append(" ms ago\n")
            .append(String.format("%-6s %8s %-9s %14s %-28s %s%n", "spoke", "pid", "state", "heartbeat age",
                "running", "counters"));
        for (final PoolSnapshot.Spoke spoke : snapshot.spokes())
        {
            text.append(String.format("%-6d %8d %-9s %14s %-28s %s%n", spoke.id(), spoke.pid(), spoke.state(),
                spoke.heartbeatAgeMs() < 0 ? "none yet" : spoke.heartbeatAgeMs() + " ms", running(spoke),
                counters(spoke.counters())));
        }
        text.append("total ").append(counters(snapshot.totals()));
        final List<SharedArrayFiles.ArrayFile> arrays = SharedArrayFiles.of(pool.path());
        text.append(String.format("%nshared arrays %d, %d bytes", arrays.size(),
            arrays.stream().mapToLong(SharedArrayFiles.ArrayFile::bytes).sum()));
        for (final SharedArrayFiles.ArrayFile array : arrays)
        {
            text.append(String.format("%n  %-16s %s[%d], %d bytes", array.file(), array.type(), array.length(),
                array.bytes()));
        }
        return text.toString();
    }

    /**
     * @return the closure the spoke runs and for how long, or the task id alone where the closure is not known.
     */
    private static String running(final PoolSnapshot.Spoke spoke)
    {
        if (spoke.currentTask() < 0)
        {
            return "-";
        }
        if (null == spoke.closure())
        {
            return "task " + spoke.currentTask();
        }
        return spoke.closure() + String.format(" for %.1f s", spoke.taskAgeMs() / 1000.0);
    }

    private static String counters(final Map<String, Long> counters)
    {
        final StringBuilder text = new StringBuilder();
        counters.forEach((name, value) -> text.append(0 == text.length() ? "" : ", ").append(name).append(' ')
            .append(value));
        return text.toString();
    }

    private static String json(final PoolDirectory pool, final PoolSnapshot snapshot)
    {
        final StringBuilder spokes = new StringBuilder("[");
        for (final PoolSnapshot.Spoke spoke : snapshot.spokes())
        {
            final Json entry = new Json()
                .field("id", spoke.id())
                .field("pid", spoke.pid())
                .field("state", spoke.state().name())
                .field("heartbeatAgeMs", spoke.heartbeatAgeMs())
                .field("currentTask", spoke.currentTask())
                .field("closure", null == spoke.closure() ? "" : spoke.closure())
                .field("taskAgeMs", spoke.taskAgeMs());
            spoke.counters().forEach((name, value) -> entry.field(name, value));
            spokes.append(spokes.length() > 1 ? "," : "").append(entry);
        }
        final StringBuilder arrays = new StringBuilder("[");
        for (final SharedArrayFiles.ArrayFile array : SharedArrayFiles.of(pool.path()))
        {
            arrays.append(arrays.length() > 1 ? "," : "").append(new Json()
                .field("file", array.file())
                .field("type", array.type())
                .field("length", array.length())
                .field("bytes", array.bytes()));
        }
        final Json totals = new Json();
        snapshot.totals().forEach((name, value) -> totals.field(name, value));
        return new Json()
            .field("pool", pool.poolId())
            .field("directory", pool.path().toString())
            .field("hubPid", snapshot.hub().pid())
            .field("hubAlive", snapshot.hubAlive())
            .field("hubHeartbeatAgeMs", snapshot.hubHeartbeatAgeMs())
            .raw("spokes", spokes.append(']').toString())
            .raw("totals", totals.toString())
            .raw("sharedArrays", arrays.append(']').toString())
            .toString();
    }
}

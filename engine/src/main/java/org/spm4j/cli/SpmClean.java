package org.spm4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.agrona.concurrent.SystemEpochClock;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.StalePoolFinder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code spm clean}: removes the directories of pools whose hub is dead; a live pool is never touched.
 */
@Command(
    name = "clean",
    header = "Removes the pool directories of dead hubs.",
    mixinStandardHelpOptions = true,
    versionProvider = SpmVersion.class,
    description = {
        "Removes the pool directories (pool file and journal) left by hubs that died without closing their pool. " +
            "A pool counts as dead when no process runs with its hub's pid and start time; a directory without a " +
            "valid pool file, once it is a minute old. A live pool is never touched.",
        "A pool start does the same for its own root; this is for a node where none starts.",
        "Also removes the error journals of spm shell runs that were killed and recorded no failure.",
    },
    exitCodeListHeading = Spm.EXIT_CODES_HEADING,
    exitCodeList = {"0:nothing needed removing, or all of it was removed", Spm.EXIT_CODE_BAD_INPUT,
        "3:a directory could not be removed"},
    footer = {"%nExample:%n  spm clean --dry-run"})
final class SpmClean implements Callable<Integer>
{
    /** As a pool start judges it: a hub may be creating a directory without a pool file right now. */
    private static final long CREATION_GRACE_MS = TimeUnit.MINUTES.toMillis(1);

    @ParentCommand
    private Spm spm;

    @Option(names = "--dry-run", description = "Print what would be removed, and remove nothing.")
    private boolean dryRun;

    @Option(names = "--root", paramLabel = "DIR", description = "The pool root (default: /dev/shm/spm4j-<user>).")
    private Path root;

    @Override
    public Integer call()
    {
        final Path pools = null != root ? root : PoolDirectory.defaultRoot();
        final PrintStream out = spm.out();
        if (!Files.isDirectory(pools))
        {
            if (null != root)
            {
                throw new BadInputException("no pool root at " + root + ": no such directory");
            }
            out.println("nothing to clean: there is no pool root " + pools);
            return Spm.OK;
        }
        final List<PoolDirectory> stale = new StalePoolFinder(SystemEpochClock.INSTANCE, CREATION_GRACE_MS)
            .findStale(pools);
        int failed = 0;
        for (final PoolDirectory pool : stale)
        {
            final String why = whyDead(pool);
            if (dryRun)
            {
                out.println("would remove " + pool + " (" + why + ")");
                continue;
            }
            try
            {
                pool.delete();
                out.println("removed " + pool + " (" + why + ")");
            }
            catch (final UncheckedIOException ex)
            {
                spm.err().println("spm clean: cannot remove " + pool + ": " + ex.getCause());
                failed++;
            }
        }
        final int removed = stale.size() - failed;
        final long others = countDirectories(pools) - (dryRun ? stale.size() : failed);
        out.printf("%s %d dead pool%s under %s; %d other%s left%n", dryRun ? "would remove" : "removed", removed,
            1 == removed ? "" : "s", pools, others, 1 == others ? "" : "s");
        if (!dryRun && null == root)
        {
            PoolDirectory.removeRootIfEmpty(pools);
        }
        return 0 == failed + removeAbandonedShellJournals() ? Spm.OK : Spm.ERROR;
    }

    /**
     * @return how many could not be removed.
     */
    private int removeAbandonedShellJournals()
    {
        int failed = 0;
        for (final Path journal : ShellJournals.abandoned())
        {
            if (dryRun)
            {
                spm.out().println("would remove " + journal + " (empty journal of a killed spm shell run)");
                continue;
            }
            try
            {
                Directories.deleteRecursively(journal);
                spm.out().println("removed " + journal + " (empty journal of a killed spm shell run)");
            }
            catch (final UncheckedIOException ex)
            {
                spm.err().println("spm clean: cannot remove " + journal + ": " + ex.getCause());
                failed++;
            }
        }
        return failed;
    }

    private static String whyDead(final PoolDirectory pool)
    {
        try (PoolFile poolFile = PoolFile.openWithoutLivenessCheck(pool.poolFile()))
        {
            return "hub pid " + poolFile.hubIdentity().pid() + " is gone";
        }
        catch (final RuntimeException ex)
        {
            return "no valid pool file: " + ex.getMessage();
        }
    }

    private static long countDirectories(final Path pools)
    {
        try (Stream<Path> children = Files.list(pools))
        {
            return children.filter(Files::isDirectory).count();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + pools, ex);
        }
    }
}

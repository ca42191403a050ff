package org.spm4j.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.spm4j.internal.spoke.SpokeCommand;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.journal.ErrorRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code spm errors}: the records of an error journal, readable or as JSON, each or grouped, once or as
 * they come.
 */
@Command(
    name = "errors",
    header = "Prints the records of an error journal, with their remote stack traces.",
    mixinStandardHelpOptions = true,
    versionProvider = SpmVersion.class,
    description = {
        "Prints the records of an error journal, oldest first: what failed (task, attempt, closure), where (pool, " +
            "spoke, pid), when, and the remote stack trace. Reads without changing the journal, so a running " +
            "pool is not disturbed.",
        "The journal is JOURNAL-DIR, or the journal/ directory of a pool: a pool directory, or a pool id under the " +
            "pool root. Without an argument, the only pool under the root.",
    },
    exitCodeListHeading = Spm.EXIT_CODES_HEADING,
    exitCodeList = {"0:the journal was read", "2:bad input: a bad option, an unknown pool, an unreadable journal, " +
        "or records in it that could not be read (those that could are printed)", Spm.EXIT_CODE_ERROR},
    footer = {
        "%nExamples:",
        "  spm errors /tmp/spm4j-demo-$USER/journal",
        "  spm errors --distinct p12345-1",
        "  spm errors --follow --json my-journal | jq .message",
    })
final class SpmErrors implements Callable<Integer>
{
    private static final long FOLLOW_POLL_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long FOLLOW_STOP_WAIT_MS = 2_000;

    @ParentCommand
    private Spm spm;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "POOL|JOURNAL-DIR",
        description = "A pool id or directory, or an error journal directory.")
    private String target;

    @Option(names = {"-f", "--follow"},
        description = "Keep printing records as they are written, until interrupted (Ctrl-C).")
    private boolean follow;

    @Option(names = "--distinct",
        description = "Group the records by exception class and message, with counts and first and last time.")
    private boolean distinct;

    @Option(names = "--json", description = "One JSON object per line, per record (or per group with --distinct).")
    private boolean json;

    @Option(names = "--root", paramLabel = "DIR",
        description = "Where pools are looked up by id (default: /dev/shm/spm4j-<user>).")
    private Path root = PoolDirectory.defaultRoot();

    @Override
    public Integer call()
    {
        if (follow && distinct)
        {
            throw new ParameterException(spec.commandLine(), "--follow and --distinct cannot be used together");
        }
        final Path journal = journalDirectory();
        try (JournalReader reader = JournalReader.open(journal))
        {
            if (follow)
            {
                follow(reader, journal);
            }
            else
            {
                list(reader, journal);
            }
        }
        return Spm.OK;
    }

    private Path journalDirectory()
    {
        if (null == target)
        {
            return journalOf(Pools.only(root));
        }
        final Path path = Path.of(target);
        if (Files.isDirectory(path))
        {
            final PoolDirectory pool = PoolDirectory.of(path);
            return Files.isRegularFile(pool.poolFile()) ? journalOf(pool) : path;
        }
        final Path pool = target.contains(path.getFileSystem().getSeparator()) ? null : root.resolve(target);
        if (null == pool || !Files.isDirectory(pool))
        {
            throw new BadInputException("unknown pool or error journal '" + target + "': no such directory, and no " +
                "pool of that id under " + root);
        }
        return journalOf(PoolDirectory.of(pool));
    }

    /**
     * A pool with a persistent journal keeps it where its program asked; the spoke command says where.
     */
    private static Path journalOf(final PoolDirectory pool)
    {
        final Path spokeCommand = pool.path().resolve(SpokeCommand.FILE_NAME);
        if (Files.isRegularFile(spokeCommand))
        {
            try
            {
                return SpokeCommand.load(spokeCommand).journalDirectory();
            }
            catch (final IllegalArgumentException | UncheckedIOException ex)
            {
                throw new BadInputException("cannot find the journal of pool " + pool.poolId() + ": " + ex.getMessage(),
                    ex);
            }
        }
        if (!Files.isDirectory(pool.journalDirectory()))
        {
            throw new BadInputException("pool '" + pool.poolId() + "' has no journal in " + pool.path());
        }
        return pool.journalDirectory();
    }

    private void list(final JournalReader reader, final Path journal)
    {
        final PrintStream out = spm.out();
        final DistinctErrors groups = new DistinctErrors();
        final long[] records = new long[1];
        final List<ProtocolException> undecoded = new ArrayList<>(1);
        reader.read((record, index) ->
        {
            records[0]++;
            if (distinct)
            {
                groups.add(record);
            }
            else
            {
                print(record, index);
            }
        }, reason ->
        {
            if (undecoded.isEmpty())
            {
                undecoded.add(reason);
            }
        }, Integer.MAX_VALUE);
        if (distinct && json)
        {
            groups.printJson(out);
        }
        else if (distinct)
        {
            groups.printText(out);
            out.printf("%d record%s, %d distinct error%s, in %s%n", records[0], 1 == records[0] ? "" : "s",
                groups.size(), 1 == groups.size() ? "" : "s", journal);
        }
        else if (!json)
        {
            final long count = records[0];
            out.printf("%s in %s%n", 0 == count ? "no records" : count + (1 == count ? " record" : " records"),
                journal);
        }
        out.flush();
        failIfSkipped(reader.recordsSkipped(), journal, undecoded);
    }

    /**
     * Records that were there and could not be read make the answer incomplete: bad input, once the others are out.
     */
    private static void failIfSkipped(final long skipped, final Path journal, final List<ProtocolException> undecoded)
    {
        if (skipped > 0)
        {
            throw new BadInputException(skipped + (1 == skipped ? " record of " : " records of ") + journal +
                " could not be read and " + (1 == skipped ? "was" : "were") + " skipped",
                undecoded.isEmpty() ? null : undecoded.get(0));
        }
    }

    private void follow(final JournalReader reader, final Path journal)
    {
        final AtomicBoolean stop = new AtomicBoolean();
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread onInterrupt = new Thread(() -> awaitStop(stop, stopped), "spm-errors-stop");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try
        {
            while (!stop.get() && !Thread.currentThread().isInterrupted() && !spm.out().checkError())
            {
                if (0 == readRemaining(reader, journal))
                {
                    if (!Files.isDirectory(journal))
                    {
                        spm.err().println("spm errors: the error journal " + journal + " was removed");
                        return;
                    }
                    LockSupport.parkNanos(FOLLOW_POLL_NS);
                }
            }
        }
        finally
        {
            stopped.countDown();
            removeHook(onInterrupt);
        }
    }

    /**
     * A pool that closes removes its journal under a reader's feet; that ends following, quietly.
     */
    private int readRemaining(final JournalReader reader, final Path journal)
    {
        try
        {
            return reader.read(this::print, this::skipped, 1024);
        }
        catch (final RuntimeException ex)
        {
            if (Files.isDirectory(journal))
            {
                throw ex;
            }
            return 0;
        }
    }

    private void print(final ErrorRecord record, final long index)
    {
        final PrintStream out = spm.out();
        if (json)
        {
            out.println(RecordFormat.json(record, index));
        }
        else
        {
            out.println(RecordFormat.text(record, index));
        }
        out.flush();
    }

    private void skipped(final ProtocolException ex)
    {
        spm.err().println("spm errors: skipped a record that does not decode: " + ex.getMessage());
    }

    /**
     * Ctrl-C ends the JVM; let the reader finish the record it is printing and close the journal first.
     */
    private static void awaitStop(final AtomicBoolean stop, final CountDownLatch stopped)
    {
        stop.set(true);
        try
        {
            stopped.await(FOLLOW_STOP_WAIT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            // the JVM is shutting down: the hook is running or has run
        }
    }
}

package org.spm4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.spm4j.internal.task.Replay;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.journal.ErrorRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code spm replay}: runs the failed task of a journal record again, in this process.
 */
@Command(
    name = "replay",
    header = "Runs the failed task of a journal record again, in this process.",
    mixinStandardHelpOptions = true,
    versionProvider = SpmVersion.class,
    description = "Re-executes the task of the record at INDEX with the same closure bytes and argument bytes the " +
        "spoke had, in this JVM and thread, so a parallel failure reproduces serially, under a debugger " +
        "(put the program's classes on the classpath: SPM_JAVA_OPTS or java -cp). Each spoke has a queue of its own " +
        "in the journal, so records of different spokes can have the same index: --spoke says which.",
    exitCodeListHeading = Spm.EXIT_CODES_HEADING,
    exitCodeList = {"0:the task returned this time", "1:the task failed again", "2:bad input: a bad option, an " +
        "unreadable journal, no record at INDEX, or one that cannot be decoded or replayed"},
    footer = {"%nExample:%n  spm replay /tmp/spm4j-demo-$USER/journal 2142175068422144 --spoke 1"})
final class SpmReplay implements Callable<Integer>
{
    @ParentCommand
    private Spm spm;

    @Parameters(index = "0", paramLabel = "JOURNAL-DIR", description = "The error journal.")
    private Path journal;

    @Parameters(index = "1", paramLabel = "INDEX", description = "The record's journal index, as spm errors shows.")
    private long index;

    @Option(names = "--spoke", paramLabel = "ID", description = "The spoke of the record, as spm errors shows " +
        "(-1: the hub); needed only when records of several spokes have that index.")
    private Integer spoke;

    @Option(names = "--allow", paramLabel = "PATTERN", description = "Also deserialize these classes: a package " +
        "(com.acme.*), a package tree (com.acme.**) or a class name. Repeatable.")
    private List<String> allowed = new ArrayList<>();

    @Override
    public Integer call()
    {
        final ErrorRecord record = find();
        final Callable<Object> task;
        try
        {
            task = Replay.prepare(record, allowed);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new BadInputException(ex.getMessage(), ex);
        }
        final PrintStream out = spm.out();
        out.println("replaying task " + record.taskId() + " attempt " + record.attempt() + " of '" +
            record.closureName() + "', which failed with " + RecordFormat.exception(record));
        try
        {
            out.println("it returned " + task.call() + " this time");
            return Spm.OK;
        }
        catch (final IllegalArgumentException ex)
        {
            if (ex.getMessage() != null && ex.getMessage().contains("cannot be replayed"))
            {
                throw new BadInputException(ex.getMessage(), ex);
            }
            return failedAgain(out, ex);
        }
        catch (final Exception | Error ex)
        {
            return failedAgain(out, ex);
        }
    }

    private static int failedAgain(final PrintStream out, final Throwable failure)
    {
        out.println("it failed again:");
        failure.printStackTrace(out);
        return Spm.FAILED;
    }

    private ErrorRecord find()
    {
        final List<ErrorRecord> found = new ArrayList<>();
        final List<Undecoded> undecoded = new ArrayList<>();
        final long skipped;
        try (JournalReader reader = JournalReader.open(journal))
        {
            while (reader.read((record, at) ->
            {
                if (isTheOne(record.spokeId(), at))
                {
                    found.add(record);
                }
            }, (spokeId, at, reason) ->
            {
                if (isTheOne(spokeId, at))
                {
                    undecoded.add(new Undecoded(spokeId, reason));
                }
            }, 1024) > 0)
            {
                Thread.onSpinWait();
            }
            skipped = reader.recordsSkipped();
        }
        return theOnlyOne(found, undecoded, skipped);
    }

    private ErrorRecord theOnlyOne(final List<ErrorRecord> found, final List<Undecoded> undecoded, final long skipped)
    {
        final String at = "index " + index + (null == spoke ? "" : " of spoke " + spoke);
        if (found.isEmpty() && undecoded.isEmpty())
        {
            throw new BadInputException(0 == skipped ? "no record at " + at + " in the error journal " + journal :
                "no readable record at " + at + " in the error journal " + journal + ": " + skipped +
                " of its records could not be read");
        }
        if (found.size() + undecoded.size() > 1)
        {
            throw new BadInputException("records of spokes " + Stream.concat(found.stream().map(ErrorRecord::spokeId),
                undecoded.stream().map(Undecoded::spokeId)).map(String::valueOf).distinct()
                .collect(Collectors.joining(", ")) + " have index " + index + " in the error journal " + journal +
                ": say which with --spoke");
        }
        if (!undecoded.isEmpty())
        {
            throw new BadInputException("the record at index " + index + " of spoke " + undecoded.get(0).spokeId() +
                " in the error journal " + journal + " does not decode, so it cannot be replayed: " +
                undecoded.get(0).reason().getMessage(), undecoded.get(0).reason());
        }
        return found.get(0);
    }

    private boolean isTheOne(final int spokeId, final long at)
    {
        return at == index && (null == spoke || spoke == spokeId);
    }

    private record Undecoded(int spokeId, ProtocolException reason)
    {
    }
}

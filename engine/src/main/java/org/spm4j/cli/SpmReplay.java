package org.spm4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.spm4j.internal.task.Replay;
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
    exitCodeList = {"0:the task returned this time", "1:the task failed again", Spm.EXIT_CODE_BAD_INPUT},
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
        try (JournalReader reader = JournalReader.open(journal))
        {
            while (reader.read((record, at) ->
            {
                if (at == index && (null == spoke || spoke == record.spokeId()))
                {
                    found.add(record);
                }
            }, ex -> { }, 1024) > 0)
            {
                Thread.onSpinWait();
            }
        }
        if (found.isEmpty())
        {
            throw new BadInputException("no record at index " + index + (null == spoke ? "" : " of spoke " + spoke) +
                " in the error journal " + journal);
        }
        if (found.size() > 1)
        {
            throw new BadInputException("records of spokes " + found.stream().map(record ->
                String.valueOf(record.spokeId())).distinct().collect(Collectors.joining(", ")) + " have index " +
                index + " in the error journal " + journal + ": say which with --spoke");
        }
        return found.get(0);
    }
}

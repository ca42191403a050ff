package org.spm4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code spm example NAME [options]}: runs one of the examples. Exit codes as the {@code spm} command's: 0
 * when it did what it shows, 1 when a check it makes failed (e.g. the serial and parallel results differ), 2 for
 * a bad option, 3 when something else went wrong.
 */
@Command(
    name = "spm example",
    synopsisSubcommandLabel = "NAME",
    description = "Runs an example program: each one is a kind of parallel problem, solved serially and on spokes.",
    subcommands = {PiExample.class, MandelbrotExample.class, WordCountExample.class, KnapsackExample.class,
        HeatExample.class, HistogramExample.class, JobsExample.class, FailuresExample.class},
    footer = {"%nRun 'spm example NAME --help' for the options of an example."})
public final class Examples implements Callable<Integer>
{
    /** Exit code: the example did what it shows. */
    static final int OK = 0;
    /** Exit code: a check the example makes failed. */
    static final int FAILED = 1;
    /** Exit code: a bad option. */
    static final int BAD_INPUT = 2;
    /** Exit code: something else went wrong; the stack trace is on stderr. */
    static final int ERROR = 3;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    private Examples()
    {
    }

    /**
     * @param args the example's name, then its options.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(new Examples(), args));
    }

    /**
     * Runs a command line of an example: a bad option, or a value an example refuses with an
     * {@link IllegalArgumentException}, is one line on stderr and exit code 2; any other exception is a stack
     * trace on stderr and exit code 3.
     *
     * @param command the example, or the list of them.
     * @param args    its command line.
     * @return the exit code.
     */
    static int execute(final Object command, final String... args)
    {
        return new CommandLine(command)
            .setExecutionStrategy(Examples::executeWithPoolOptionsChecked)
            .setParameterExceptionHandler((ex, ignored) ->
            {
                final String name = ex.getCommandLine().getCommandSpec().qualifiedName();
                ex.getCommandLine().getErr().println(name + ": " + ex.getMessage() + " (see " + name + " --help)");
                return BAD_INPUT;
            })
            .setExecutionExceptionHandler((ex, commandLine, parseResult) ->
            {
                if (ex instanceof IllegalArgumentException)
                {
                    commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
                    return BAD_INPUT;
                }
                ex.printStackTrace(commandLine.getErr());
                return ERROR;
            })
            .execute(args);
    }

    /**
     * A pool root that cannot be used is bad input, found before the example does any work.
     */
    private static int executeWithPoolOptionsChecked(final ParseResult parseResult)
    {
        final Integer help = CommandLine.executeHelpRequest(parseResult);
        if (null != help)
        {
            return help;
        }
        ParseResult executed = parseResult;
        while (executed.hasSubcommand())
        {
            executed = executed.subcommand();
        }
        for (final CommandSpec mixin : executed.commandSpec().mixins().values())
        {
            if (mixin.userObject() instanceof PoolOptions pools)
            {
                try
                {
                    pools.validate();
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new ParameterException(executed.commandSpec().commandLine(), ex.getMessage(), ex);
                }
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    /**
     * @param directory a directory to remove with everything in it; nothing happens if it is absent.
     * @throws IOException if something cannot be removed.
     */
    static void deleteRecursively(final Path directory) throws IOException
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.delete(path);
            }
        }
    }

    /**
     * {@code spm example} without a name.
     */
    @Override
    public Integer call()
    {
        throw new ParameterException(spec.commandLine(),
            "missing example: one of " + String.join(", ", spec.subcommands().keySet()));
    }
}

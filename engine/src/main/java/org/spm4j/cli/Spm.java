package org.spm4j.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.Callable;

import org.spm4j.cli.demo.SpmDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code spm} command line: {@code demo}, {@code shell}, {@code spokes}, {@code stat}, {@code errors},
 * {@code replay} and {@code clean}. Exit codes: {@value #OK} when everything succeeded, {@value #FAILED} when
 * tasks or commands failed, {@value #BAD_INPUT} for bad input (a bad option, a missing file, an unknown pool,
 * an unreadable journal), {@value #ERROR} when something else went wrong. Bad input is one line on stderr; a stack
 * trace only with {@code --verbose}.
 * <p>
 * Not thread-safe: one instance runs one command line at a time.
 */
@Command(
    name = "spm",
    mixinStandardHelpOptions = true,
    versionProvider = SpmVersion.class,
    synopsisSubcommandLabel = "COMMAND",
    description = "Runs work in parallel on spoke JVMs of this node, and looks after the pools and error journals " +
        "it leaves.",
    subcommands = {SpmDemo.class, SpmShell.class, SpmSpokes.class, SpmStat.class, SpmErrors.class, SpmReplay.class,
        SpmClean.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = Spm.EXIT_CODES_HEADING,
    exitCodeList = {Spm.EXIT_CODE_OK, Spm.EXIT_CODE_FAILED, Spm.EXIT_CODE_BAD_INPUT, Spm.EXIT_CODE_ERROR},
    footer = {"%nRun 'spm COMMAND --help' for the options of a command. Start with: spm demo"})
public final class Spm implements Callable<Integer>
{
    /** Exit code: everything succeeded. */
    public static final int OK = 0;
    /** Exit code: tasks or commands failed. */
    public static final int FAILED = 1;
    /** Exit code: bad input, such as a bad option, a missing file, an unknown pool or an unreadable journal. */
    public static final int BAD_INPUT = 2;
    /** Exit code: something else went wrong, such as a pool that would not start. */
    public static final int ERROR = 3;

    /** Heading of the exit codes in every command's help. */
    public static final String EXIT_CODES_HEADING = "%nExit codes:%n";
    /** Help line of exit code {@value #OK}. */
    public static final String EXIT_CODE_OK = "0:everything succeeded";
    /** Help line of exit code {@value #FAILED}. */
    public static final String EXIT_CODE_FAILED = "1:tasks or commands failed";
    /** Help line of exit code {@value #BAD_INPUT}. */
    public static final String EXIT_CODE_BAD_INPUT = "2:bad input: a bad option, a missing file, an unknown pool, " +
        "an unreadable journal";
    /** Help line of exit code {@value #ERROR}. */
    public static final String EXIT_CODE_ERROR = "3:something else went wrong, e.g. a pool that would not start";

    private static final String VERBOSE = "--verbose";

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean progress;

    @Spec
    private CommandSpec spec;

    @Option(names = VERBOSE, scope = ScopeType.INHERIT,
        description = "Print the stack trace of an error, not only its message.")
    private boolean verbose;

    /**
     * @param in       where {@code shell} reads commands from when it is given none or "-".
     * @param out      standard output.
     * @param err      standard error: messages, summaries, progress.
     * @param progress true to draw progress bars on {@code err}, for a terminal.
     */
    public Spm(final InputStream in, final PrintStream out, final PrintStream err, final boolean progress)
    {
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.progress = progress;
    }

    /**
     * Run {@code spm} and exit with its exit code. Progress bars are drawn when the system property
     * {@code spm.progress} is true (bin/spm sets it when stderr is a terminal), or, without it, when
     * the JVM has a console.
     *
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        final String progress = System.getProperty("spm.progress");
        final boolean terminal = null != progress ? Boolean.parseBoolean(progress) : null != System.console();
        System.exit(new Spm(System.in, System.out, System.err, terminal).run(args));
    }

    /**
     * @param args the command line, without the program name.
     * @return the exit code.
     */
    public int run(final String... args)
    {
        final CommandLine commandLine = new CommandLine(this)
            .setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true))
            .setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true))
            .setParameterExceptionHandler(this::onBadParameters)
            .setExecutionExceptionHandler(this::onError);
        // what follows a shell command's template is the template's and its arguments', not spm's
        commandLine.getSubcommands().get("shell").setStopAtPositional(true);
        final int exitCode = commandLine.execute(args);
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        out.flush();
        err.flush();
        return exitCode;
    }

    /**
     * {@code spm} without a command is bad input.
     */
    @Override
    public Integer call()
    {
        throw new ParameterException(spec.commandLine(),
            "missing command: demo, shell, spokes, stat, errors, replay or clean");
    }

    InputStream in()
    {
        return in;
    }

    /**
     * @return standard output, for a command's results.
     */
    public PrintStream out()
    {
        return out;
    }

    /**
     * @return standard error, for messages, summaries and progress.
     */
    public PrintStream err()
    {
        return err;
    }

    /**
     * @return true to draw progress bars on {@link #err()}.
     */
    public boolean progress()
    {
        return progress;
    }

    private int onBadParameters(final ParameterException ex, final String[] args)
    {
        final String command = ex.getCommandLine().getCommandSpec().qualifiedName();
        err.println(command + ": " + oneLine(ex.getMessage()) + " (see " + command + " --help)");
        if (verbose(ex.getCommandLine().getParseResult()))
        {
            ex.printStackTrace(err);
        }
        return BAD_INPUT;
    }

    private int onError(final Exception ex, final CommandLine commandLine, final ParseResult parseResult)
    {
        final String command = commandLine.getCommandSpec().qualifiedName();
        final boolean verbose = verbose(parseResult);
        if (ex instanceof BadInputException)
        {
            err.println(command + ": " + oneLine(ex.getMessage()));
        }
        else
        {
            err.println(command + ": " + (null == ex.getMessage() ? ex.toString() : ex.getMessage()) +
                (verbose ? "" : " (" + VERBOSE + " shows the stack trace)"));
        }
        if (verbose)
        {
            ex.printStackTrace(err);
        }
        return ex instanceof BadInputException ? BAD_INPUT : ERROR;
    }

    private static boolean verbose(final ParseResult parseResult)
    {
        for (ParseResult level = parseResult; null != level; level = level.subcommand())
        {
            if (level.hasMatchedOption(VERBOSE))
            {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(final String message)
    {
        return null == message ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}

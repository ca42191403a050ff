package org.spm4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.spm4j.ErrorPolicy;
import org.spm4j.ParallelException;
import org.spm4j.Pool;
import org.spm4j.PoolBuilder;
import org.spm4j.ShellFarm;
import org.spm4j.internal.shell.ShellLine;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.PoolLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code spm shell}: one shell command per input line, or a command template applied to each argument, run in
 * parallel by a shell farm, each command's output printed whole in input order, like {@code parallel -k}.
 */
@Command(
    name = "shell",
    header = "Runs the commands of a file or of stdin in parallel, like GNU parallel -k or xargs -P.",
    mixinStandardHelpOptions = true,
    versionProvider = SpmVersion.class,
    description = {
        "Runs one command per line of FILE, or of standard input when FILE is '-' or absent, in parallel on N " +
            "spoke JVMs. Each line's bytes are a /bin/sh command line, whatever the locale; only \\n ends a line. " +
            "Blank lines and lines starting with '#' are skipped.",
        "With ':::' or -a, runs TEMPLATE once per argument instead: {} is the argument, {.} without its " +
            "extension, {/} its base name, {//} its directory, {/.} its base name without extension, {#} the job " +
            "number; arguments are quoted for the shell, and appended when TEMPLATE has no {}.",
        "Each command's stdout and stderr are printed whole (kept in the pool's directory meanwhile), stdout " +
            "then stderr, in input order as soon as the commands before it are printed; a failed command's output " +
            "too, then a line saying why it failed. A command fails when it exits non-zero or runs past its " +
            "deadline (then it is killed with every process it started); failures go to an error journal, whose " +
            "place the summary on stderr names. SPM_JOB holds the job number: the input line, or the argument's.",
        "SIGINT or SIGTERM kills every running command and removes the run's files; spm shell then exits with " +
            "130 or 143. Where GNU parallel exits with the number of failed jobs, spm shell exits with 1.",
    },
    exitCodeListHeading = Spm.EXIT_CODES_HEADING,
    exitCodeList = {"0:every command succeeded", Spm.EXIT_CODE_FAILED, Spm.EXIT_CODE_BAD_INPUT, Spm.EXIT_CODE_ERROR,
        "130:stopped by SIGINT (Ctrl-C)", "143:stopped by SIGTERM"},
    footer = {
        "%nExamples:",
        "  ls *.log | sed 's/.*/gzip -9 &/' | spm shell -n 4",
        "  spm shell 'gzip -9 {}' ::: *.log",
        "  spm shell --deadline 30s --retries 1 --joblog jobs.log jobs.txt",
        "  spm shell --halt now,fail=1 -a files.txt 'sha256sum {}'",
        "  spm shell -j 64 -a urls.txt 'curl -sO {}'",
    })
final class SpmShell implements Callable<Integer>
{
    private static final String STDIN = "-";
    private static final String ARGUMENTS = ":::";
    private static final Duration STOP_GRACE = Duration.ofSeconds(1);

    @ParentCommand
    private Spm spm;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-n", "--spokes"}, paramLabel = "N",
        description = "Most spoke JVMs, at most one per command; a single command runs in spm's own process " +
            "(default: the number of cores, ${DEFAULT-VALUE}).")
    private int spokes = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-j", "--jobs"}, paramLabel = "J",
        description = "Commands run at once, 1 to " + ShellSlots.MAX_JOBS + " (default: one per spoke). Spread " +
            "evenly over the most spokes, up to -n, that divide J: each spoke waits for its commands on threads, " +
            "so that I/O-bound commands at many jobs take few JVMs.")
    private Integer jobs;

    @Option(names = "--deadline", paramLabel = "D", converter = DurationConverter.class,
        description = "Hard limit on each command's running time: 500ms, 30s, 2m, 1h or PT30S (default: none).")
    private Duration deadline;

    @Option(names = "--retries", paramLabel = "R",
        description = "Times a failed command is run again, on another spoke (default: ${DEFAULT-VALUE}).")
    private int retries;

    @Option(names = "--halt", paramLabel = "WHEN", converter = HaltCondition.Converter.class,
        description = "Stop early, as GNU parallel's --halt: now,fail=1 kills the running commands at the first " +
            "failure; soon,fail=N starts no more after N failures; N% counts a share of the commands; success=N " +
            "counts successes (default: run every command).")
    private HaltCondition halt;

    @Option(names = "--joblog", paramLabel = "FILE",
        description = "Write a line per command to FILE in GNU parallel's --joblog format.")
    private Path jobLog;

    @Option(names = {"-a", "--arg-file"}, paramLabel = "FILE",
        description = "Arguments for TEMPLATE, one per line of FILE ('-' for standard input).")
    private String argumentFile;

    @Option(names = "--strip-cr", description = "Drop a carriage return that ends a line (files written on Windows).")
    private boolean stripCr;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "Error journal to record failures in, kept (default: a new one per run in " +
            "spm4j-shell-<user> in the temporary directory, removed when every command succeeded).")
    private Path journal;

    @Option(names = "--root", paramLabel = "DIR",
        description = "Directory the pool is created under (default: /dev/shm/spm4j-<user>).")
    private Path root = PoolDirectory.defaultRoot();

    @Parameters(paramLabel = "FILE|TEMPLATE ::: ARG...",
        description = "Commands, one per line (default: standard input); or, with ::: or -a, a command template " +
            "and its arguments. Options go before it.")
    private List<String> words = new ArrayList<>();

    @Override
    public Integer call()
    {
        checkOptions();
        validateDirectories();
        final List<ShellInput.Job> jobs = readJobs();
        final long startNs = System.nanoTime();
        try (JobLog log = null == jobLog ? null : JobLog.create(jobLog))
        {
            if (jobs.isEmpty())
            {
                summarize(new ShellRun.Outcome(0, 0, 0, 0), startNs, "on no spoke");
                return Spm.OK;
            }
            return run(jobs, log, startNs);
        }
    }

    private int run(final List<ShellInput.Job> jobs, final JobLog log, final long startNs)
    {
        if (null == journal)
        {
            ShellJournals.abandoned().forEach(Directories::deleteRecursively);
        }
        final Path journalDirectory = null != journal ? journal : ShellJournals.newRun();
        final ShellRun.Outcome outcome;
        final String where;
        final ShellSlots slots = ShellSlots.of(jobs.size(), spokes, this.jobs);
        try (Pool pool = startPool(slots, journalDirectory);
            ProgressBar bar = new ProgressBar(spm.err(), "shell", jobs.size(), spm.progress());
            ShellShutdown shutdown = ShellShutdown.install(spm.err(), PoolDirectory.of(root.resolve(pool.id())),
                pool.isSerial(), null == journal ? journalDirectory : null))
        {
            where = pool.isSerial() ? "in spm's own process" : "on " + pool.spokeCount() + " spokes" +
                (slots.commandsPerSpoke() > 1 ? ", " + slots.commandsPerSpoke() + " commands at once on each" : "");
            try
            {
                outcome = runOn(pool, slots, jobs, log, bar, shutdown);
            }
            catch (final RuntimeException ex)
            {
                if (shutdown.isStopping())
                {
                    return Spm.ERROR;
                }
                throw ex;
            }
            if (shutdown.isStopping())
            {
                return Spm.ERROR;
            }
        }
        summarize(outcome, startNs, where);
        if (0 == outcome.failed())
        {
            if (null == journal)
            {
                Directories.deleteRecursively(journalDirectory);
            }
            return Spm.OK;
        }
        final Path shown = journalDirectory.toAbsolutePath();
        spm.err().println("spm shell: the failures are in the error journal " + shown + "; see them with: spm errors " +
            shown);
        return Spm.FAILED;
    }

    /**
     * What fails once the JVM shuts down mid-run is the run being stopped, passed over in silence by the caller.
     */
    private ShellRun.Outcome runOn(
        final Pool pool,
        final ShellSlots slots,
        final List<ShellInput.Job> jobs,
        final JobLog log,
        final ProgressBar bar,
        final ShellShutdown shutdown)
    {
        final Path outputDirectory = createOutputDirectory(pool);
        final ShellFarm farm = startFarm(pool, slots);
        final ShellRun run = new ShellRun(farm, jobs, outputDirectory, spm.out(), spm.err(), bar, log, halt,
            slots.atOnce());
        shutdown.onStop(run::silence);
        final ShellRun.Outcome outcome = run.run();
        if (0 == outcome.killed())
        {
            closeReported(farm);
        }
        return outcome;
    }

    /**
     * One command runs in this process, as a serial pool runs it, without waiting for a spoke JVM to start.
     */
    private Pool startPool(final ShellSlots slots, final Path journalDirectory)
    {
        final PoolBuilder builder = Pool.builder().root(root).persistentJournal(journalDirectory).stopGrace(STOP_GRACE);
        return (slots.isSerial() ? builder.serial() : builder.spokes(slots.spokes())).build();
    }

    private void checkOptions()
    {
        if (spokes < 1 || spokes > PoolLayout.MAX_SPOKES)
        {
            throw new ParameterException(spec.commandLine(), "-n must be 1 to " + PoolLayout.MAX_SPOKES + ": " +
                spokes);
        }
        if (null != jobs && (jobs < 1 || jobs > ShellSlots.MAX_JOBS))
        {
            throw new ParameterException(spec.commandLine(), "-j must be 1 to " + ShellSlots.MAX_JOBS + ": " + jobs);
        }
        if (retries < 0)
        {
            throw new ParameterException(spec.commandLine(), "--retries must be at least 0: " + retries);
        }
    }

    private void validateDirectories()
    {
        try
        {
            final PoolBuilder directories = Pool.builder().root(root);
            (null == journal ? directories : directories.persistentJournal(journal)).validate();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
    }

    private List<ShellInput.Job> readJobs()
    {
        final int separator = words.indexOf(ARGUMENTS);
        if (null != argumentFile)
        {
            if (1 != words.size())
            {
                throw new ParameterException(spec.commandLine(), "with -a, give one command TEMPLATE: " + words);
            }
            final byte[] arguments = read(argumentFile, "arguments");
            return apply(words.get(0), ShellInput.arguments(arguments, describe(argumentFile), stripCr));
        }
        if (separator >= 0)
        {
            if (0 == separator || separator == words.size() - 1)
            {
                throw new ParameterException(spec.commandLine(), "give a command TEMPLATE before ::: and " +
                    "arguments after it: " + words);
            }
            final List<ShellInput.Job> values = new ArrayList<>();
            for (final String value : words.subList(separator + 1, words.size()))
            {
                values.add(new ShellInput.Job(values.size() + 1, value.getBytes(ShellLine.argumentCharset())));
            }
            return apply(String.join(" ", words.subList(0, separator)), values);
        }
        if (words.size() > 1)
        {
            throw new ParameterException(spec.commandLine(), "give one FILE of commands, or a TEMPLATE with ::: " +
                "and its arguments" + (words.get(1).startsWith("-") ? ", options before them" : "") + ": " + words);
        }
        final String input = words.isEmpty() ? STDIN : words.get(0);
        return ShellInput.commands(read(input, "commands"), describe(input), stripCr);
    }

    private static List<ShellInput.Job> apply(final String template, final List<ShellInput.Job> arguments)
    {
        final ArgumentTemplate applied = new ArgumentTemplate(template.getBytes(ShellLine.argumentCharset()));
        final List<ShellInput.Job> jobs = new ArrayList<>(arguments.size());
        for (final ShellInput.Job argument : arguments)
        {
            jobs.add(new ShellInput.Job(argument.number(), applied.apply(argument.line(), argument.number())));
        }
        return jobs;
    }

    private byte[] read(final String input, final String what)
    {
        try
        {
            if (STDIN.equals(input))
            {
                return spm.in().readAllBytes();
            }
            final Path file = Path.of(input);
            if (Files.isDirectory(file))
            {
                throw new BadInputException("cannot read " + what + " from " + input + ": it is a directory");
            }
            return Files.readAllBytes(file);
        }
        catch (final NoSuchFileException ex)
        {
            throw new BadInputException("cannot read " + what + " from " + input + ": no such file", ex);
        }
        catch (final IOException ex)
        {
            throw new BadInputException("cannot read " + what + " from " + describe(input) + ": " + ex, ex);
        }
    }

    private static String describe(final String input)
    {
        return STDIN.equals(input) ? "standard input" : input;
    }

    private Path createOutputDirectory(final Pool pool)
    {
        final Path directory = PoolDirectory.of(root.resolve(pool.id())).outputDirectory();
        try
        {
            return Files.createDirectory(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + directory + " for the commands' output", ex);
        }
    }

    private ShellFarm startFarm(final Pool pool, final ShellSlots slots)
    {
        final ShellFarm.Builder builder = pool.shellFarm()
            .errorPolicy(ErrorPolicy.retry(retries, ErrorPolicy.collect()))
            .commandsPerSpoke(slots.commandsPerSpoke());
        if (null != deadline)
        {
            builder.deadline(deadline);
        }
        return builder.start();
    }

    /**
     * Every failure was printed with its command already.
     */
    private static void closeReported(final ShellFarm farm)
    {
        try
        {
            farm.close();
        }
        catch (final ParallelException reported)
        {
            // printed line by line
        }
    }

    private void summarize(final ShellRun.Outcome outcome, final long startNs, final String where)
    {
        if (null != halt && (outcome.notStarted() > 0 || outcome.killed() > 0))
        {
            spm.err().printf("spm shell: halted (%s): %d running commands killed, %d not started%n", halt,
                outcome.killed(), outcome.notStarted());
        }
        spm.err().printf("spm shell: %d ok, %d failed, %d total in %.3f s %s%n", outcome.ok(), outcome.failed(),
            outcome.ok() + outcome.failed(), (System.nanoTime() - startNs) / 1e9, where);
    }
}

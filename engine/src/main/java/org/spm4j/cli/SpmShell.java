package org.spm4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.spm4j.ErrorPolicy;
import org.spm4j.ParallelException;
import org.spm4j.Pool;
import org.spm4j.PoolBuilder;
import org.spm4j.ShellCommand;
import org.spm4j.ShellCommandException;
import org.spm4j.ShellFarm;
import org.spm4j.ShellResult;
import org.spm4j.TaskFailure;
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
 * {@code spm shell}: one shell command per input line, run in parallel by a shell farm, each command's
 * output printed as one block in input order, like {@code parallel -k} or {@code xargs -P}.
 */
@Command(
    name = "shell",
    header = "Runs the commands of a file or of stdin in parallel, like GNU parallel or xargs -P.",
    mixinStandardHelpOptions = true,
    versionProvider = SpmVersion.class,
    description = {
        "Runs one command per line of FILE, or of standard input when FILE is '-' or absent, in parallel on N " +
            "spoke JVMs. Each line is a /bin/sh command line; blank lines and lines starting with '#' are skipped.",
        "Each command's stdout and stderr are printed as one block on spm's stdout and stderr, in input order, as " +
            "soon as the commands before it are done. A command fails when it exits non-zero or runs past its " +
            "deadline (then it is killed with every process it started); failures go to an error journal, whose " +
            "place the summary on stderr names.",
    },
    exitCodeListHeading = Spm.EXIT_CODES_HEADING,
    exitCodeList = {"0:every command succeeded", Spm.EXIT_CODE_FAILED, Spm.EXIT_CODE_BAD_INPUT, Spm.EXIT_CODE_ERROR},
    footer = {
        "%nExamples:",
        "  ls *.log | sed 's/.*/gzip -9 &/' | spm shell -n 4",
        "  spm shell --deadline 30s --retries 1 jobs.txt",
    })
final class SpmShell implements Callable<Integer>
{
    private static final String STDIN = "-";

    @ParentCommand
    private Spm spm;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-n", "--spokes"}, paramLabel = "N",
        description = "Commands run at once, one per spoke JVM (default: the number of cores, ${DEFAULT-VALUE}).")
    private int spokes = Runtime.getRuntime().availableProcessors();

    @Option(names = "--deadline", paramLabel = "D", converter = DurationConverter.class,
        description = "Hard limit on each command's running time: 500ms, 30s, 2m, 1h or PT30S (default: none).")
    private Duration deadline;

    @Option(names = "--retries", paramLabel = "R",
        description = "Times a failed command is run again, on another spoke (default: ${DEFAULT-VALUE}).")
    private int retries;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "Error journal to record failures in, kept (default: a new one per run in " +
            "spm4j-shell-<user> in the temporary directory, removed when every command succeeded).")
    private Path journal;

    @Option(names = "--root", paramLabel = "DIR",
        description = "Directory the pool is created under (default: /dev/shm/spm4j-<user>).")
    private Path root = PoolDirectory.defaultRoot();

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|-", defaultValue = STDIN,
        description = "Commands, one per line (default: standard input).")
    private String input;

    @Override
    public Integer call()
    {
        checkOptions();
        try
        {
            final PoolBuilder directories = Pool.builder().root(root);
            (null == journal ? directories : directories.persistentJournal(journal)).validate();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
        final List<Line> lines = readLines();
        final long startNs = System.nanoTime();
        if (lines.isEmpty())
        {
            summarize(0, 0, startNs);
            return Spm.OK;
        }
        final Path journalDirectory = null != journal ? journal : newJournalDirectory();
        int failed = 0;
        try (Pool pool = Pool.builder().spokes(spokes).root(root).persistentJournal(journalDirectory).build();
            ProgressBar bar = new ProgressBar(spm.err(), "shell", lines.size(), spm.progress()))
        {
            final ShellFarm farm = startFarm(pool);
            final List<CompletableFuture<ShellResult>> results = new ArrayList<>(lines.size());
            for (final Line line : lines)
            {
                results.add(farm.submit(ShellCommand.shell(line.text)).whenComplete((result, ex) -> bar.step()));
            }
            for (int i = 0; i < lines.size(); i++)
            {
                final CompletableFuture<ShellResult> result = results.get(i);
                result.handle((done, failure) -> null).join();
                bar.clear();
                failed += print(lines.get(i), result) ? 0 : 1;
                bar.redraw();
            }
            closeReported(farm);
        }
        summarize(lines.size() - failed, failed, startNs);
        if (0 == failed)
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

    private void checkOptions()
    {
        if (spokes < 1 || spokes > PoolLayout.MAX_SPOKES)
        {
            throw new ParameterException(spec.commandLine(), "-n must be 1 to " + PoolLayout.MAX_SPOKES + ": " +
                spokes);
        }
        if (retries < 0)
        {
            throw new ParameterException(spec.commandLine(), "--retries must be at least 0: " + retries);
        }
    }

    private List<Line> readLines()
    {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(), StandardCharsets.UTF_8)))
        {
            final List<Line> lines = new ArrayList<>();
            int number = 0;
            for (String text = reader.readLine(); null != text; text = reader.readLine())
            {
                number++;
                final String command = text.strip();
                if (!command.isEmpty() && !command.startsWith("#"))
                {
                    lines.add(new Line(number, command));
                }
            }
            return lines;
        }
        catch (final IOException ex)
        {
            throw new BadInputException("cannot read commands from " + describeInput() + ": " + ex.getMessage(), ex);
        }
    }

    private InputStream open() throws IOException
    {
        if (STDIN.equals(input))
        {
            return spm.in();
        }
        final Path file = Path.of(input);
        if (Files.isDirectory(file))
        {
            throw new BadInputException("cannot read commands from " + input + ": it is a directory");
        }
        try
        {
            return Files.newInputStream(file);
        }
        catch (final NoSuchFileException ex)
        {
            throw new BadInputException("cannot read commands from " + input + ": no such file", ex);
        }
    }

    private String describeInput()
    {
        return STDIN.equals(input) ? "standard input" : input;
    }

    private ShellFarm startFarm(final Pool pool)
    {
        final ShellFarm.Builder builder = pool.shellFarm()
            .errorPolicy(ErrorPolicy.retry(retries, ErrorPolicy.collect()));
        if (null != deadline)
        {
            builder.deadline(deadline);
        }
        return builder.start();
    }

    /**
     * @return true if the command succeeded.
     */
    private boolean print(final Line line, final CompletableFuture<ShellResult> future)
    {
        final PrintStream stdout = spm.out();
        final PrintStream stderr = spm.err();
        try
        {
            final ShellResult result = future.join();
            stdout.write(result.stdoutBytes(), 0, result.stdoutBytes().length);
            stdout.flush();
            stderr.write(result.stderrBytes(), 0, result.stderrBytes().length);
            if (result.stdoutTruncated() || result.stderrTruncated())
            {
                stderr.printf("spm shell: line %d: output cut at %d bytes per stream%n", line.number,
                    result.outputCap());
            }
            stderr.flush();
            return true;
        }
        catch (final CompletionException | CancellationException ex)
        {
            stdout.flush();
            stderr.println(describeFailure(line, ex));
            stderr.flush();
            return false;
        }
    }

    private static String describeFailure(final Line line, final RuntimeException ex)
    {
        final String prefix = "spm shell: line " + line.number + " failed: ";
        if (!(ex.getCause() instanceof ParallelException parallel))
        {
            return prefix + "`" + line.text + "` " + (ex instanceof CancellationException ? "was cancelled" : ex);
        }
        final TaskFailure failure = parallel.failures().get(parallel.failures().size() - 1);
        final String where = " [attempt " + failure.attempt() + ", journal index " + failure.journalIndex() + "]";
        if (failure.exception() instanceof ShellCommandException command)
        {
            final String tail = command.stderrTail();
            final String what = command.deadlineExceeded() ?
                "ran past its deadline of " + command.deadline().toMillis() + " ms and was killed" :
                "exited with status " + command.exitCode();
            return tail + (tail.isEmpty() || tail.endsWith("\n") ? "" : System.lineSeparator()) +
                prefix + "`" + line.text + "` " + what + where;
        }
        return prefix + "`" + line.text + "`: " + failure.kind() + " " + failure.remoteClass() +
            (null == failure.remoteMessage() ? "" : ": " + failure.remoteMessage()) + where;
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

    private void summarize(final int ok, final int failed, final long startNs)
    {
        spm.err().printf("spm shell: %d ok, %d failed, %d total in %.3f s on %d spokes%n", ok, failed, ok + failed,
            (System.nanoTime() - startNs) / 1e9, spokes);
    }

    private static Path newJournalDirectory()
    {
        final String run = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" +
            ProcessHandle.current().pid();
        return Directories.userTempDirectory("shell").resolve(run);
    }

    private record Line(int number, String text)
    {
    }
}

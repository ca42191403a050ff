package org.spm4j.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import org.spm4j.ErrorPolicy;
import org.spm4j.ParallelException;
import org.spm4j.Pool;
import org.spm4j.ShellCommand;
import org.spm4j.ShellFarm;
import org.spm4j.ShellResult;
import org.spm4j.TaskFailure;
import org.spm4j.TaskStatus;
import org.spm4j.cli.DurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A shell farm compressing a folder with {@code gzip}, one command per file: each command has a deadline,
 * a failed one runs once more on another spoke, and those that fail for good are reported with their exit
 * code or deadline and the end of their stderr. Planted among them: one command that fails on its first
 * attempt only, one that names a missing file and one that hangs past its deadline.
 */
@Command(
    name = "jobs",
    header = "gzip a folder: a shell farm with deadlines and retries.",
    description = "Compresses the files of a folder with gzip, a command per file, with a shell farm: a deadline " +
        "per command, a retry on another spoke, and a report of what failed for good. Without DIR, compresses a " +
        "generated folder. Unless --no-planted-failures, adds a command that fails once then succeeds, one that " +
        "names a missing file and one that hangs past a short deadline.")
public final class JobsExample implements Callable<Integer>
{
    /** Compresses $IN into $OUT, which appears only when it is whole. */
    private static final String GZIP = "gzip -c -- \"$IN\" > \"$OUT.part\" && mv \"$OUT.part\" \"$OUT\"";
    /** The first attempt leaves a marker and fails; the next one finds it and compresses. */
    private static final String FAILS_ONCE = "if mkdir \"$OUT.tried\" 2>/dev/null; then echo 'transient failure, " +
        "try again' >&2; exit 75; fi; rmdir \"$OUT.tried\"; " + GZIP;

    @Mixin
    private PoolOptions pools;

    @Parameters(arity = "0..1", paramLabel = "DIR",
        description = "The files to compress, with its subdirectories (default: a generated folder).")
    private Path input;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Where the .gz files go (default: a temporary directory, removed at the end).")
    private Path output;

    @Option(names = "--deadline", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Deadline of a command, e.g. 500ms, 30s, 2m (default: 60s).")
    private Duration deadline = Duration.ofSeconds(60);

    @Option(names = "--retries", paramLabel = "COUNT",
        description = "Retries of a failed command (default: ${DEFAULT-VALUE}).")
    private int retries = 1;

    @Option(names = "--no-planted-failures", negatable = true, description = "Add the planted failures (default: yes).")
    private boolean plantedFailures = true;

    @Option(names = "--serial", description = "Run the commands one at a time, from this JVM: on Pool.serial().")
    private boolean serial;

    @Spec
    private CommandSpec spec;

    /**
     * @param args the options; {@code --help} lists them.
     */
    public static void main(final String[] args)
    {
        System.exit(Examples.execute(new JobsExample(), args));
    }

    /**
     * Compresses the files, then reports.
     *
     * @return 0 when every file is compressed and nothing but the planted commands failed.
     * @throws IOException if a directory cannot be made, listed or removed.
     */
    @Override
    public Integer call() throws IOException
    {
        if (retries < 0)
        {
            throw new IllegalArgumentException("--retries must be at least 0");
        }
        if (null != input)
        {
            Inputs.readableDirectory(input, "DIR");
        }
        final Path scratch = Files.createTempDirectory("spm4j-jobs-");
        try
        {
            final Path from = null != input ? input : Files.createDirectory(scratch.resolve("in"));
            if (null == input)
            {
                Corpus.generate(from, 16, 1_000_000, 7);
            }
            final Path to = Files.createDirectories(null != output ? output : scratch.resolve("out"));
            final List<Path> files = Corpus.files(from);
            final List<ShellCommand> commands = commands(from, files, to, plantedFailures);
            final PrintWriter out = spec.commandLine().getOut();
            out.printf("jobs: %d gzip commands%s, a deadline of %s each, %d %s, on %s%n", files.size(),
                plantedFailures ? " and 2 planted failures" : "", deadline.toString().substring(2).toLowerCase(),
                retries,
                1 == retries ? "retry" : "retries", serial ? "Pool.serial()" : pools.spokes + " spokes");
            final long startNs = System.nanoTime();
            final Outcome outcome;
            try (Pool pool = (serial ? pools.serial() : pools.local()).build())
            {
                outcome = compress(pool, commands, deadline, retries);
            }
            out.printf("%d of %d commands succeeded in %.3f s, pool start included; %d attempts failed and were " +
                "retried%n", outcome.results().size(), commands.size(), (System.nanoTime() - startNs) / 1e9,
                outcome.retried());
            out.printf("the commands that succeeded ran for %.3f s in all%n", outcome.commandSeconds());
            for (final TaskFailure failure : outcome.failures())
            {
                out.printf("failed for good, attempt %d on spoke %d (pid %d):%n  %s%n", failure.attempt(),
                    failure.spokeId(), failure.pid(), failure.remoteMessage().strip().replace("\n", "\n  "));
            }
            final long compressed = files.stream().filter(file -> Files.isRegularFile(gzipOf(from, file, to))).count();
            out.printf("%d of %d files compressed into %s%s%n", compressed, files.size(), to,
                null == output ? " (removed at the end)" : "");
            final boolean asPlanted = outcome.failures().size() == (plantedFailures ? 2 : 0);
            return compressed == files.size() && asPlanted ? Examples.OK : Examples.FAILED;
        }
        finally
        {
            Examples.deleteRecursively(scratch);
        }
    }

    /**
     * @param from    the directory of the files.
     * @param files   the files.
     * @param to      where the .gz files go, in the same tree as in {@code from}.
     * @param planted true to add a command that fails once, one that names a missing file and one that hangs.
     * @return the commands.
     * @throws IOException if a directory for the .gz files cannot be made.
     */
    static List<ShellCommand> commands(final Path from, final List<Path> files, final Path to, final boolean planted)
        throws IOException
    {
        final List<ShellCommand> commands = new ArrayList<>();
        for (final Path file : files)
        {
            final Path gzip = gzipOf(from, file, to);
            Files.createDirectories(gzip.getParent());
            final String line = planted && commands.isEmpty() ? FAILS_ONCE : GZIP;
            commands.add(ShellCommand.shell(line)
                .environment("IN", file.toString()).environment("OUT", gzip.toString()));
        }
        if (planted)
        {
            commands.add(ShellCommand.shell(GZIP)
                .environment("IN", from.resolve("missing.txt").toString()).environment("OUT", to + "/missing.gz"));
            commands.add(ShellCommand.of("sleep", "60").deadline(Duration.ofMillis(500)));
        }
        return commands;
    }

    /**
     * @param from the directory of the files.
     * @param file one of them.
     * @param to   where the .gz files go.
     * @return where its .gz file goes.
     */
    static Path gzipOf(final Path from, final Path file, final Path to)
    {
        return to.resolve(from.relativize(file) + ".gz");
    }

    /**
     * The parallel part: every command submitted at once; a failed one is retried, then collected.
     *
     * @param pool     any pool.
     * @param commands the commands.
     * @param deadline deadline of a command without one of its own.
     * @param retries  retries of a failed command.
     * @return the results of the commands that succeeded and the failures of the others.
     */
    static Outcome compress(
        final Pool pool, final List<ShellCommand> commands, final Duration deadline, final int retries)
    {
        final List<CompletableFuture<ShellResult>> futures = new ArrayList<>();
        final int[] retried = { 0 };
        List<TaskFailure> failures = List.of();
        try (ShellFarm farm = pool.shellFarm()
            .deadline(deadline)
            .errorPolicy(ErrorPolicy.retry(retries, ErrorPolicy.collect()))
            .onStatus(status -> retried[0] += TaskStatus.State.RETRYING == status.state() ? 1 : 0)
            .start())
        {
            commands.forEach(command -> futures.add(farm.submit(command)));
        }
        catch (final ParallelException ex)
        {
            failures = ex.failures();
        }
        final List<ShellResult> results = futures.stream().filter(future -> !future.isCompletedExceptionally())
            .map(CompletableFuture::join).toList();
        return new Outcome(results, failures, retried[0]);
    }

    /**
     * What became of the commands.
     *
     * @param results  of those that succeeded.
     * @param failures of those that failed for good.
     * @param retried  attempts that failed and were run again.
     */
    record Outcome(List<ShellResult> results, List<TaskFailure> failures, int retried)
    {
        double commandSeconds()
        {
            return results.stream().mapToLong(result -> result.wallTime().toNanos()).sum() / 1e9;
        }
    }
}

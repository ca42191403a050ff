package org.spm4j.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.spm4j.Closure;
import org.spm4j.ErrorPolicy;
import org.spm4j.ParallelException;
import org.spm4j.Pool;
import org.spm4j.TaskFailure;
import org.spm4j.TaskFarm;
import org.spm4j.TaskStatus;
import org.spm4j.cli.Spm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Every error policy on the same failing workload: the squares of 0 to 7, where 4 always fails and 6
 * fails on its first attempt only. Each failed attempt is a record in the error journal, and any record
 * can be replayed in one thread.
 */
@Command(
    name = "failures",
    header = "Every error policy on one failing workload; journal; replay.",
    description = "Runs the same failing task farm under each error policy (fail fast, collect, ignore, retry, a " +
        "lambda) and shows what each makes of it, where the failures' records are in the error journal, and how " +
        "to replay one. The workload: the squares of 0 to 7, where 4 always fails and 6 fails once.")
public final class FailuresExample implements Callable<Integer>
{
    /** The policies, by the name the table shows. */
    static final Map<String, ErrorPolicy> POLICIES = policies();

    @Mixin
    private PoolOptions pools;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "Error journal, kept after the run (default: spm4j-failures-<user>/journal in the temporary " +
            "directory, replaced at each run).")
    private Path journal;

    @Option(names = "--serial", description = "Run on Pool.serial() instead of spokes: the same statuses come out.")
    private boolean serial;

    @Option(names = "--replay", paramLabel = "INDEX", description = "Instead of the workload, run the failed task " +
        "of the journal record at INDEX again, in this thread, as spm replay does.")
    private Long replay;

    @Option(names = "--spoke", paramLabel = "ID", description = "With --replay: the spoke of the record, as the run " +
        "printed it; each spoke has its own queue in the journal, so records of different spokes can share an index.")
    private Integer spoke;

    @Spec
    private CommandSpec spec;

    /**
     * @param args the options; {@code --help} lists them.
     */
    public static void main(final String[] args)
    {
        System.exit(Examples.execute(new FailuresExample(), args));
    }

    /**
     * Runs the workload under each policy, or replays a record.
     *
     * @return 0, or with {@code --replay}, 1 when the task failed again.
     * @throws IOException if the journal or the markers cannot be made.
     */
    @Override
    public Integer call() throws IOException
    {
        final Path journalDirectory = null != journal ? journal : Path.of(System.getProperty("java.io.tmpdir"),
            "spm4j-failures-" + System.getProperty("user.name").replaceAll("[^A-Za-z0-9._-]", "_"), "journal");
        if (null != replay)
        {
            // spm replay, in this JVM: the closures' classes are on its classpath, not on that of bin/spm replay
            final List<String> command = new ArrayList<>(List.of("replay", journalDirectory.toString(),
                replay.toString()));
            if (null != spoke)
            {
                command.addAll(List.of("--spoke", spoke.toString()));
            }
            return new Spm(System.in, System.out, System.err, false).run(command.toArray(new String[0]));
        }
        if (null == journal)
        {
            Examples.deleteRecursively(journalDirectory);
        }
        (serial ? pools.serial() : pools.local()).persistentJournal(journalDirectory).validate();
        final PrintWriter out = spec.commandLine().getOut();
        out.printf("failures: the squares of 0 to 7 on %s; 4 always fails, 6 fails on its first attempt%n",
            serial ? "Pool.serial()" : pools.spokes + " spokes");
        out.printf("%-28s %9s %6s %7s %9s  %s%n", "policy", "completed", "failed", "retried", "cancelled", "outcome");
        final List<TaskFailure> seen = new ArrayList<>();
        final Path markers = Files.createTempDirectory("spm4j-failures-");
        try (Pool pool = (serial ? pools.serial() : pools.local()).persistentJournal(journalDirectory).build())
        {
            for (final Map.Entry<String, ErrorPolicy> policy : POLICIES.entrySet())
            {
                final Run run = run(pool, policy.getKey(), policy.getValue(), markers);
                out.printf("%-28s %9d %6d %7d %9d  %s%n", policy.getKey(), run.count(TaskStatus.State.COMPLETED),
                    run.count(TaskStatus.State.FAILED), run.count(TaskStatus.State.RETRYING),
                    run.count(TaskStatus.State.CANCELLED), run.outcome());
                seen.addAll(run.seen());
            }
        }
        finally
        {
            Examples.deleteRecursively(markers);
        }
        final TaskFailure four = seen.stream().filter(failure -> failure.remoteMessage().startsWith("4 "))
            .findFirst().orElseThrow();
        out.printf("%nEvery failed attempt is a record in the error journal %s; list them with%n" +
            "  bin/spm errors %s%nThe first failure of 4 was%n  %s%nRun it again in one thread, e.g. under a " +
            "debugger, with%n  bin/spm example failures --replay %d --spoke %d --journal %s%n", journalDirectory,
            journalDirectory, four, four.journalIndex(), four.spokeId(), journalDirectory);
        return Examples.OK;
    }

    /**
     * The workload under one policy.
     *
     * @param pool    any pool.
     * @param name    the policy's name, which names the closure.
     * @param policy  the policy.
     * @param markers where the closure notes a first attempt.
     * @return what came of it.
     */
    static Run run(final Pool pool, final String name, final ErrorPolicy policy, final Path markers)
    {
        final String marker = markers.resolve(name.replaceAll("[^A-Za-z]", "")).toString();
        final Closure<Integer, Integer> square = pool.define("square under " + name, (Integer x) -> square(x, marker));
        final Map<TaskStatus.State, Integer> counts = new EnumMap<>(TaskStatus.State.class);
        final List<TaskFailure> seen = new CopyOnWriteArrayList<>();
        try (TaskFarm farm = pool.taskFarm()
            .errorPolicy(failure ->
            {
                seen.add(failure);
                return policy.decide(failure);
            })
            .onStatus(status -> counts.merge(status.state(), 1, Integer::sum))
            .start())
        {
            return new Run(farm.map(square, IntStream.range(0, 8).boxed().toList()), null, counts, seen);
        }
        catch (final ParallelException ex)
        {
            return new Run(null, ex, counts, seen);
        }
    }

    /**
     * What came of the workload under a policy.
     *
     * @param results the squares, null where a failure was ignored; null if the run threw.
     * @param thrown  what the run threw, null if it returned.
     * @param counts  how many tasks reached each state.
     * @param seen    every failed attempt, in the order the policy saw them.
     */
    record Run(List<Integer> results, ParallelException thrown, Map<TaskStatus.State, Integer> counts,
        List<TaskFailure> seen)
    {
        int count(final TaskStatus.State state)
        {
            return counts.getOrDefault(state, 0);
        }

        String outcome()
        {
            if (null == thrown)
            {
                return "returned " + results;
            }
            return "threw: " + thrown.failures().stream()
                .map(failure -> failure.remoteMessage() + " (attempt " + failure.attempt() + ")")
                .collect(Collectors.joining("; "));
        }
    }

    private static int square(final int x, final String marker) throws IOException
    {
        if (4 == x)
        {
            throw new IllegalArgumentException("4 is out of range");
        }
        if (6 == x && firstAttempt(marker))
        {
            throw new IllegalStateException("6 fails once");
        }
        return x * x;
    }

    /** Attempts may run on different spokes: the first leaves a marker that the next ones find. */
    private static boolean firstAttempt(final String marker) throws IOException
    {
        try
        {
            Files.createDirectory(Path.of(marker));
            return true;
        }
        catch (final FileAlreadyExistsException ex)
        {
            return false;
        }
    }

    private static Map<String, ErrorPolicy> policies()
    {
        final Map<String, ErrorPolicy> policies = new LinkedHashMap<>();
        policies.put("failFast()", ErrorPolicy.failFast());
        policies.put("collect()", ErrorPolicy.collect());
        policies.put("ignore()", ErrorPolicy.ignore());
        policies.put("retry(1, collect())", ErrorPolicy.retry(1, ErrorPolicy.collect()));
        // an IllegalStateException is taken for a transient failure: worth a retry or two; the rest are ignored
        policies.put("lambda: retry if transient", failure ->
            IllegalStateException.class.getName().equals(failure.remoteClass()) && failure.attempt() < 3 ?
                ErrorPolicy.Decision.RETRY : ErrorPolicy.Decision.IGNORE);
        return Collections.unmodifiableMap(policies);
    }
}

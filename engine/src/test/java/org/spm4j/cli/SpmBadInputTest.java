package org.spm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spm4j.shm.journal.ErrorJournal;
import org.spm4j.shm.journal.ErrorJournalAppender;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.journal.ErrorRecord;

/**
 * Bad input of every kind: exit code 2 and one line on stderr naming what was wrong, a stack trace
 * only with --verbose; and the help and version every command answers.
 */
class SpmBadInputTest
{
    /** The bad inputs with what each gave, written under target/ for the README's table. */
    private static final Queue<String> TABLE = new ConcurrentLinkedQueue<>();

    @TempDir
    private static Path directory;

    @AfterAll
    static void writeTable() throws IOException
    {
        Files.write(Path.of("target", "bad-input-table.md"), Stream.concat(Stream.of(
            "| command line | exit | first line on stderr |", "|---|---|---|"), TABLE.stream()).toList());
    }

    static Stream<Arguments> badInput() throws IOException
    {
        final Path notAJournal = Files.createDirectories(directory.resolve("not-a-journal"));
        final String root = directory.resolve("pools").toString();
        final Path twoSpokes = directory.resolve("two-spokes");
        final long index = recordOfEachSpoke(twoSpokes, 0, 1);
        final Path binary = Files.write(directory.resolve("binary"), new byte[] {'e', 'c', 'h', 'o', '\n', 0x7F, 0});
        return Stream.of(
            Arguments.of("spm: missing command: demo, shell, spokes, stat, errors, replay or clean (see spm --help)",
                List.of()),
            Arguments.of("spm: Unknown option: '--bogus' (see spm --help)", List.of("--bogus")),
            Arguments.of("spm demo: Unknown option: '--bogus' (see spm demo --help)", List.of("demo", "--bogus")),
            Arguments.of("spm demo: -n must be 1 to 4096: 0 (see spm demo --help)", List.of("demo", "-n", "0")),
            Arguments.of("spm demo: -n must be 1 to 4096: 100000 (see spm demo --help)",
                List.of("demo", "-n", "100000")),
            Arguments.of("spm demo: pool root /proc/spm4j-x cannot be created: java.nio.file.NoSuchFileException: " +
                "/proc/spm4j-x (see spm demo --help)", List.of("demo", "--root", "/proc/spm4j-x")),
            Arguments.of("spm shell: journal directory /proc/spm4j-x cannot be created: " +
                "java.nio.file.NoSuchFileException: /proc/spm4j-x (see spm shell --help)",
                List.of("shell", "--journal", "/proc/spm4j-x")),
            Arguments.of("spm shell: pool root /proc/spm4j-x cannot be created: java.nio.file.NoSuchFileException: " +
                "/proc/spm4j-x (see spm shell --help)", List.of("shell", "--root", "/proc/spm4j-x")),
            Arguments.of("spm demo: Invalid value for option '--width': 'wide' is not an int (see spm demo --help)",
                List.of("demo", "--width", "wide")),
            Arguments.of("spm demo: cannot write the image to " + directory.resolve("no/such/dir/x.png") + ": " +
                directory.resolve("no/such/dir") + " is not a writable directory",
                List.of("demo", "--out", directory.resolve("no/such/dir/x.png").toString())),
            Arguments.of("spm shell: cannot read commands from " + directory.resolve("missing.txt") + ": no such file",
                List.of("shell", directory.resolve("missing.txt").toString())),
            Arguments.of("spm shell: " + binary + " holds a NUL byte on line 2: it is binary, not lines of text",
                List.of("shell", binary.toString())),
            Arguments.of("spm shell: -n must be 1 to 4096: 100000 (see spm shell --help)",
                List.of("shell", "-n", "100000")),
            Arguments.of("spm shell: give a command TEMPLATE before ::: and arguments after it: [echo, :::] (see " +
                "spm shell --help)", List.of("shell", "echo", ":::")),
            Arguments.of("spm shell: with -a, give one command TEMPLATE: [] (see spm shell --help)",
                List.of("shell", "-a", binary.toString())),
            Arguments.of("spm shell: give one FILE of commands, or a TEMPLATE with ::: and its arguments, options " +
                "before them: [jobs.txt, --retries, 1] (see spm shell --help)",
                List.of("shell", "jobs.txt", "--retries", "1")),
            Arguments.of("spm shell: Invalid value for option '--halt': 'later' is not now|soon,fail|success=N or " +
                "N%, e.g. now,fail=1 (see spm shell --help)", List.of("shell", "--halt", "later", "-")),
            Arguments.of("spm shell: Invalid value for option '--halt': 'now,fail=101%' must count 1 or more, and " +
                "at most 100% (see spm shell --help)", List.of("shell", "--halt", "now,fail=101%", "-")),
            Arguments.of("spm shell: cannot write the job log /proc/spm4j-x.log: java.nio.file.NoSuchFileException: " +
                "/proc/spm4j-x.log", List.of("shell", "--joblog", "/proc/spm4j-x.log", "-")),
            Arguments.of("spm shell: Invalid value for option '--deadline': 'soon' is not a duration such as 500ms, " +
                "30s, 2m, 1h or PT30S (see spm shell --help)", List.of("shell", "--deadline", "soon")),
            Arguments.of("spm shell: Invalid value for option '--deadline': '0s' is not a positive duration (see " +
                "spm shell --help)", List.of("shell", "--deadline", "0s")),
            Arguments.of("spm shell: --retries must be at least 0: -1 (see spm shell --help)",
                List.of("shell", "--retries", "-1")),
            Arguments.of("spm spokes: -n must be at least 1: 0 (see spm spokes --help)",
                List.of("spokes", "--pool", "sim", "-n", "0")),
            Arguments.of("spm spokes: unknown pool 'sim': no pool file at " + Path.of(root, "sim", "pool.shm"),
                List.of("spokes", "--root", root, "--pool", "sim")),
            Arguments.of("spm errors: unknown pool or error journal 'p1-1': no such directory, and no pool of that " +
                "id under " + root, List.of("errors", "--root", root, "p1-1")),
            Arguments.of("spm errors: " + notAJournal + " is not an error journal: it holds no Chronicle Queue files",
                List.of("errors", notAJournal.toString())),
            Arguments.of("spm errors: no pool under " + root + "; name a pool or an error journal directory",
                List.of("errors", "--root", root)),
            Arguments.of("spm errors: --follow and --distinct cannot be used together (see spm errors --help)",
                List.of("errors", "--follow", "--distinct", notAJournal.toString())),
            Arguments.of("spm replay: records of spokes 0, 1 have index " + index + " in the error journal " +
                twoSpokes + ": say which with --spoke", List.of("replay", twoSpokes.toString(), Long.toString(index))),
            Arguments.of("spm replay: the closure '' of task 0 cannot be loaded here, so it cannot be replayed: " +
                "closure bytes are truncated: java.io.EOFException",
                List.of("replay", twoSpokes.toString(), Long.toString(index), "--spoke", "0")),
            Arguments.of("spm replay: no record at index " + index + " of spoke 5 in the error journal " + twoSpokes,
                List.of("replay", twoSpokes.toString(), Long.toString(index), "--spoke", "5")),
            Arguments.of("spm clean: no pool root at " + root + ": no such directory",
                List.of("clean", "--root", root)));
    }

    /**
     * @return the index each spoke's first record has: spokes have queues of their own, so it is the same.
     */
    private static long recordOfEachSpoke(final Path journalDirectory, final int... spokeIds)
    {
        long index = -1;
        try (ErrorJournal journal = ErrorJournal.builder(journalDirectory)
            .timeProvider(new SetTimeProvider(Instant.parse("2026-01-01T00:00:00Z"))).open())
        {
            for (final int spokeId : spokeIds)
            {
                try (ErrorJournalAppender appender = journal.spokeJournal(spokeId).appender())
                {
                    index = appender.append(ErrorRecord.builder().kind(ErrorKind.TASK_FAILED).spokeId(spokeId)
                        .closureBytes(new byte[] {1}).build());
                }
            }
        }
        return index;
    }

    @ParameterizedTest
    @MethodSource("badInput")
    @Timeout(30)
    void shouldExit2WithOneLineOnStderrNamingWhatWasWrong(final String message, final List<String> args)
    {
        final SpmRun run = SpmRun.of(args.toArray(String[]::new));
        TABLE.add("| `spm " + String.join(" ", args).replace(directory.toString(), "$TMP") + "` | " + run.exitCode() +
            " | " + run.errLines().stream().findFirst().orElse("").replace(directory.toString(), "$TMP") + " |");

        assertEquals(Spm.BAD_INPUT, run.exitCode(), run.toString());
        assertEquals(List.of(message), run.errLines(), run.toString());
        assertEquals("", run.out());
    }

    @Test
    @Timeout(30)
    void shouldPrintTheStackTraceOfBadInputOnlyWhenVerbose()
    {
        final String missing = directory.resolve("missing.txt").toString();

        final SpmRun verbose = SpmRun.of("shell", "--verbose", missing);

        assertEquals(Spm.BAD_INPUT, verbose.exitCode());
        assertTrue(verbose.errLines().size() > 2, verbose.toString());
        assertTrue(verbose.err().contains("org.spm4j.cli.BadInputException: cannot read commands from " + missing),
            verbose.toString());
        assertTrue(verbose.err().contains("\tat org.spm4j.cli.SpmShell."), verbose.toString());
    }

    @Test
    @Timeout(30)
    void shouldAnswerHelpAndVersionForEveryCommand()
    {
        final List<String> commands = List.of("demo", "shell", "errors", "clean");
        final SpmRun help = SpmRun.of("--help");
        assertEquals(Spm.OK, help.exitCode());
        for (final String command : commands)
        {
            assertTrue(help.out().contains("\n  " + command + " "), help.out());
        }
        assertExitCodesListed(help.out());

        for (final String command : commands)
        {
            final SpmRun commandHelp = SpmRun.of(command, "--help");
            assertEquals(Spm.OK, commandHelp.exitCode(), commandHelp.toString());
            assertTrue(commandHelp.out().contains("Usage: spm " + command + " "), commandHelp.out());
            assertTrue(commandHelp.out().contains("--verbose"), commandHelp.out());
            assertTrue(commandHelp.out().contains("Exit codes:"), commandHelp.out());
            assertEquals("", commandHelp.err());
            assertEquals(commandHelp.out(), SpmRun.of("help", command).out());
        }

        final SpmRun version = SpmRun.of("--version");
        assertEquals(Spm.OK, version.exitCode());
        assertTrue(version.out().startsWith("spm " + SpmVersion.version() + " (spm4j)\nJava "), version.out());
        assertFalse(SpmVersion.version().contains("${"), "the build filtered the version in");
    }

    private static void assertExitCodesListed(final String help)
    {
        final List<String> missing = new ArrayList<>();
        for (final String code : Arrays.asList("  0   ", "  1   ", "  2   ", "  3   "))
        {
            if (!help.contains(code))
            {
                missing.add(code.strip());
            }
        }
        assertEquals(List.of(), missing, help);
    }
}

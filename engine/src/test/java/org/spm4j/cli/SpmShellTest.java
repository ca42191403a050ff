package org.spm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spm shell} on real spokes: output blocks in input order, exit status and summary, retries,
 * deadlines, and failures recorded in the journal it names.
 */
class SpmShellTest
{
    @TempDir
    private Path directory;

    @Test
    @Timeout(30)
    void shouldPrintEachCommandsWholeOutputInInputOrderAndExit1WhenOneFailed() throws IOException
    {
        final Path commands = Files.writeString(directory.resolve("commands.txt"), String.join("\n",
            "# slow first, so that the commands end in another order than they started",
            "sleep 0.5; echo first; echo first again; echo first on stderr >&2",
            "",
            "echo second; echo second on stderr >&2; exit 3",
            "   # an indented comment",
            "printf 'third\\n'",
            "sleep 30",
            "echo fourth",
            ""));
        final Path journal = directory.resolve("journal");

        final SpmRun shell = SpmRun.of("shell", "-n", "2", "--deadline", "1500ms", "--journal", journal.toString(),
            "--root", directory.resolve("pools").toString(), commands.toString());

        assertEquals(Spm.FAILED, shell.exitCode(), shell.toString());
        assertEquals("first\nfirst again\nsecond\nthird\nfourth\n", shell.out(), "a failed command's stdout is kept");
        final List<String> err = shell.errLines();
        assertEquals("first on stderr", err.get(0), shell.toString());
        assertEquals("second on stderr", err.get(1), shell.toString());
        assertTrue(err.get(2).startsWith("spm shell: line 4 failed: `echo second; echo second on stderr >&2; exit 3` " +
            "exited with status 3 [attempt 1, journal index "), shell.toString());
        assertTrue(err.get(3).startsWith("spm shell: line 7 failed: `sleep 30` ran past its deadline of 1500 ms and " +
            "was killed [attempt 1, journal index "), shell.toString());
        assertTrue(err.get(4).matches("spm shell: 3 ok, 2 failed, 5 total in [\\d.]+ s on 2 spokes"), shell.toString());
        assertEquals("spm shell: the failures are in the error journal " + journal + "; see them with: spm errors " +
            journal, err.get(5));
        assertEquals(6, err.size(), shell.toString());

        final SpmRun errors = SpmRun.of("errors", "--distinct", journal.toString());
        assertTrue(errors.out().contains("exited with status 3"), errors.toString());
        assertTrue(errors.out().contains("ran past its deadline of 1500 ms"), errors.toString());
        assertTrue(errors.out().endsWith("2 records, 2 distinct errors, in " + journal + "\n"), errors.toString());
    }

    @Test
    @Timeout(30)
    void shouldExit0WhenEveryCommandFromStdinSucceedsAfterItsRetries() throws IOException
    {
        final Path marker = directory.resolve("attempted");
        final String stdin = "echo a\n\n# skipped\n" +
            "if [ -e " + marker + " ]; then echo b on a retry; else touch " + marker + "; exit 1; fi\necho c\n";

        final SpmRun shell = SpmRun.withInput(stdin, "shell", "-n", "2", "--retries", "1",
            "--journal", directory.resolve("journal").toString(), "--root", directory.resolve("pools").toString(), "-");

        assertEquals(Spm.OK, shell.exitCode(), shell.toString());
        assertEquals("a\nb on a retry\nc\n", shell.out());
        assertEquals(1, shell.errLines().size(), shell.toString());
        assertTrue(shell.err().matches("spm shell: 3 ok, 0 failed, 3 total in [\\d.]+ s on 2 spokes\n"),
            shell.toString());
    }

    @Test
    @Timeout(30)
    void shouldRunATemplateOncePerArgumentWithItsPlacesFilledAndTheArgumentsQuoted()
    {
        final SpmRun shell = SpmRun.of("shell", "-n", "2", "--root", directory.resolve("pools").toString(),
            "printf '%s|%s|%s|%s|%s|%s|%s\\n'", "{}", "{.}", "{/}", "{//}", "{/.}", "{#}", "\"$SPM_JOB\"", ":::",
            "dir/a.tar.gz", "it's $b", "-c");

        assertEquals(Spm.OK, shell.exitCode(), shell.toString());
        assertEquals("dir/a.tar.gz|dir/a.tar|a.tar.gz|dir|a.tar|1|1\n" +
            "it's $b|it's $b|it's $b|.|it's $b|2|2\n" +
            "-c|-c|-c|.|-c|3|3\n", shell.out());
    }

    /**
     * Each command waits, boundedly, until four have started: with fewer at once the first ones fail.
     */
    @Test
    @Timeout(60)
    void shouldRunJobsCommandsAtOnceSpreadEvenlyOverTheSpokes() throws IOException
    {
        Files.createDirectory(directory.resolve("started"));
        final SpmRun shell = SpmRun.of("shell", "-j", "4", "-n", "3", "--root", directory.resolve("pools").toString(),
            "cd " + directory + "; touch started/{}; n=0; until [ $(ls started | wc -l) -ge 4 ]; do " +
            "[ $n -ge 400 ] && exit 9; n=$((n+1)); sleep 0.05; done; echo {}", ":::", "1", "2", "3", "4", "5", "6");

        assertEquals(Spm.OK, shell.exitCode(), shell.toString());
        assertEquals("1\n2\n3\n4\n5\n6\n", shell.out());
        assertTrue(shell.err().contains(" on 2 spokes, 2 commands at once on each\n"), shell.toString());
    }

    @Test
    @Timeout(30)
    void shouldTakeArgumentsFromAFileStrippingCarriageReturnsWhenAsked() throws IOException
    {
        final Path arguments = Files.writeString(directory.resolve("arguments.txt"), "one\r\n\r\ntwo three\r\n");

        final SpmRun kept = SpmRun.of("shell", "-n", "1", "--root", directory.resolve("pools").toString(),
            "-a", arguments.toString(), "printf '[%s]'");
        final SpmRun stripped = SpmRun.of("shell", "-n", "1", "--root", directory.resolve("pools").toString(),
            "--strip-cr", "-a", arguments.toString(), "printf '[%s]'");

        assertEquals("[one\r][\r][two three\r]", kept.out(), kept.toString());
        assertEquals("[one][][two three]", stripped.out(), stripped.toString());
    }

    @Test
    @Timeout(30)
    void shouldWriteAJobLogInGnuParallelsFormat() throws IOException
    {
        final Path commands = Files.writeString(directory.resolve("commands.txt"),
            "echo four\n# skipped\necho err >&2; exit 5\nsleep 20\n");
        final Path log = directory.resolve("job.log");
        final long startMs = System.currentTimeMillis();

        final SpmRun shell = SpmRun.of("shell", "--journal", journal(), "-n", "2", "--deadline", "1s",
            "--joblog", log.toString(),
            "--root", directory.resolve("pools").toString(), commands.toString());

        assertEquals(Spm.FAILED, shell.exitCode(), shell.toString());
        final List<String> lines = Files.readAllLines(log);
        assertEquals("Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand", lines.get(0));
        assertEquals(4, lines.size(), lines.toString());
        assertJobLogLine(lines.get(1), "1", "5", "0", "0", "echo four", startMs);
        assertJobLogLine(lines.get(2), "3", "4", "5", "0", "echo err >&2; exit 5", startMs);
        assertJobLogLine(lines.get(3), "4", "0", "-1", "9", "sleep 20", startMs);
    }

    /**
     * A run with failures keeps its journal: where the test's files go, not in the temporary directory.
     */
    private String journal()
    {
        return directory.resolve("journal").toString();
    }

    private static void assertJobLogLine(
        final String line,
        final String sequence,
        final String received,
        final String exitValue,
        final String signal,
        final String command,
        final long notBeforeMs)
    {
        final String[] fields = line.split("\t");
        assertEquals(List.of(sequence, ":", "0", received, exitValue, signal, command),
            List.of(fields[0], fields[1], fields[4], fields[5], fields[6], fields[7], fields[8]), line);
        assertTrue(Double.parseDouble(fields[2]) * 1000 >= notBeforeMs - 1000, line);
        assertTrue(Double.parseDouble(fields[3]) >= 0, line);
    }

    @Test
    @Timeout(30)
    void shouldStartNoMoreCommandsOnceTheHaltConditionHoldsAndLetTheRunningOnesEnd() throws IOException
    {
        final Path commands = Files.writeString(directory.resolve("commands.txt"),
            "echo one; exit 1\nsleep 0.5; echo two\necho three\n");

        final SpmRun shell = SpmRun.of("shell", "--journal", journal(), "-n", "1", "--halt", "soon,fail=1",
            "--root", directory.resolve("pools").toString(), commands.toString());

        assertEquals(Spm.FAILED, shell.exitCode(), shell.toString());
        assertTrue(shell.out().startsWith("one\n"), shell.toString());
        assertFalse(shell.out().contains("three"), shell.toString());
        assertTrue(shell.err().contains("spm shell: halted (soon,fail=1): 0 running commands killed, "),
            shell.toString());
    }

    @Test
    @Timeout(30)
    void shouldKillTheRunningCommandsWhenHaltingNow() throws IOException
    {
        final Path commands = Files.writeString(directory.resolve("commands.txt"),
            "sleep 0.3; echo one; exit 1\nsleep 60\n");

        final SpmRun shell = SpmRun.of("shell", "--journal", journal(), "-n", "2", "--halt", "now,fail=1",
            "--root", directory.resolve("pools").toString(), commands.toString());

        assertEquals(Spm.FAILED, shell.exitCode(), shell.toString());
        assertEquals("one\n", shell.out());
        assertTrue(shell.err().contains("spm shell: halted (now,fail=1): 1 running commands killed, 0 not started"),
            shell.toString());
    }
}

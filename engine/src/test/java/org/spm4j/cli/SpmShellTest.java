package org.spm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}

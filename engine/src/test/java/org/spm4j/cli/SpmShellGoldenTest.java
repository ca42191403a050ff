package org.spm4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code spm shell} prints what {@code sh} prints, byte for byte, whatever the locale: each line of a job file is
 * also run by {@code /bin/sh} alone, one after the other, and spm's stdout must be their stdouts in order, its
 * stderr their stderrs in order with a line after each failure and the summary at the end.
 */
class SpmShellGoldenTest
{
    private static final int OUTPUT_MB = 100;

    @TempDir
    private Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"C", "C.UTF-8"})
    @Timeout(240)
    void shouldPrintWhatShPrintsForEveryKindOfLine(final String locale) throws Exception
    {
        final List<byte[]> lines = jobLines();
        final ByteArrayOutputStream jobFile = new ByteArrayOutputStream();
        jobFile.writeBytes("# a comment, then a blank line\n\n".getBytes(StandardCharsets.UTF_8));
        lines.forEach(line ->
        {
            jobFile.writeBytes(line);
            jobFile.write('\n');
        });
        final Path jobs = Files.write(directory.resolve("jobs.txt"), jobFile.toByteArray());

        final Path goldenOut = directory.resolve("golden.out");
        final Path goldenErr = directory.resolve("golden.err");
        final List<Integer> failedLines = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final int lineNumber = i + 3;
            if (0 != runWithSh(lines.get(i), lineNumber, locale, goldenOut, goldenErr))
            {
                failedLines.add(lineNumber);
            }
        }

        final Path spmOut = directory.resolve("spm.out");
        final Path spmErr = directory.resolve("spm.err");
        final Process spm = SpmProcess.start(Map.of("LC_ALL", locale), spmOut, spmErr, "shell", "-n", "2", "--journal",
            directory.resolve("journal").toString(), "--root", directory.resolve("pools").toString(), jobs.toString());
        try
        {
            assertTrue(spm.waitFor(200, TimeUnit.SECONDS), "spm shell did not end");
        }
        finally
        {
            spm.destroyForcibly();
        }

        final String errText = Files.readString(spmErr, StandardCharsets.ISO_8859_1);
        assertEquals(Spm.FAILED, spm.exitValue(), errText);
        assertEquals(-1, Files.mismatch(goldenOut, spmOut), "stdout differs from sh's; stderr:\n" + errText);
        final List<String> spmLines = new ArrayList<>();
        final StringBuilder commandsErr = new StringBuilder();
        for (final String line : errText.split("\n"))
        {
            if (line.startsWith("spm shell: "))
            {
                spmLines.add(line);
            }
            else
            {
                commandsErr.append(line).append('\n');
            }
        }
        assertArrayEquals(Files.readAllBytes(goldenErr), commandsErr.toString().getBytes(StandardCharsets.ISO_8859_1),
            errText);
        for (int i = 0; i < failedLines.size(); i++)
        {
            assertTrue(spmLines.get(i).startsWith("spm shell: line " + failedLines.get(i) + " failed: "), errText);
        }
        assertTrue(spmLines.get(failedLines.size()).startsWith("spm shell: " + (lines.size() - failedLines.size()) +
            " ok, " + failedLines.size() + " failed, " + lines.size() + " total in "), errText);
    }

    private static List<byte[]> jobLines()
    {
        final List<byte[]> lines = new ArrayList<>();
        for (final String line : List.of(
            "echo 'single $HOME quoted' \"double $((6 * 7)) quoted\" \\$escaped",
            "GREETING=hello; export GREETING; sh -c 'echo $GREETING' ; echo \"job $SPM_JOB\"",
            "true && echo and; false || echo or; echo a;echo b",
            "printf 'c\\na\\nb\\n' | sort | tr a-z A-Z",
            "echo `echo backticks` $(echo dollar paren)",
            "echo 'ünïcödé ✓ 日本語'",
            "echo tab\there",
            "echo out before failing; echo err before failing >&2; exit 7",
            "cat /nonexistent/spm4j-golden 2>&1 >&2 | sed 's/^/piped: /' >&2; echo after",
            "head -c " + OUTPUT_MB * 1_000_000 + " /dev/zero | tr '\\0' y",
            "echo " + "x".repeat(10_000),
            "sh -c 'exit 3'"))
        {
            lines.add(line.getBytes(StandardCharsets.UTF_8));
        }
        lines.add(new byte[] {'e', 'c', 'h', 'o', ' ', '\'', (byte)0xFF, (byte)0xFE, ' ', 'n', 'o', 't', ' ', 'U', 'T',
            'F', '-', '8', '\''});
        lines.add("echo 'before\rafter'".getBytes(StandardCharsets.UTF_8));
        lines.add("echo trailing-cr\r".getBytes(StandardCharsets.UTF_8));
        return lines;
    }

    /**
     * Runs the line as a script read by sh, which takes its bytes as they are.
     */
    private int runWithSh(final byte[] line, final int lineNumber, final String locale, final Path out, final Path err)
        throws IOException, InterruptedException
    {
        final Path script = Files.write(directory.resolve("line-" + lineNumber + ".sh"), line);
        final ProcessBuilder sh = new ProcessBuilder("/bin/sh", script.toString())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
            .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
        sh.environment().put("LC_ALL", locale);
        sh.environment().put("SPM_JOB", Integer.toString(lineNumber));
        final Process process = sh.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "sh " + script + " did not end");
        return process.exitValue();
    }
}

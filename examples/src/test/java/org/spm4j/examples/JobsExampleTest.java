package org.spm4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spm4j.Pool;
import org.spm4j.ShellCommandException;
import org.spm4j.TaskFailure;

class JobsExampleTest
{
    @TempDir
    private Path root;

    private Path in;

    private List<Path> files;

    @BeforeEach
    void writeFilesToCompress() throws IOException
    {
        in = Files.createDirectories(root.resolve("in"));
        Corpus.generate(in, 3, 20_000, 5);
        Files.writeString(Files.createDirectories(in.resolve("sub dir")).resolve("it's quoted.txt"), "quotes\n");
        files = Corpus.files(in);
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(60)
    void shouldCompressEveryFileAndReportThePlantedFailures(final PoolKind kind) throws IOException
    {
        final Path out = root.resolve("out");
        final JobsExample.Outcome outcome;
        try (Pool pool = kind.start(root))
        {
            outcome = JobsExample.compress(pool, JobsExample.commands(in, files, out, true), Duration.ofSeconds(30), 1);
        }

        assertGzipped(out);
        assertEquals(files.size(), outcome.results().size());
        assertEquals(3, outcome.retried(), "the command that fails once and the two that fail twice");
        assertEquals(2, outcome.failures().size(), outcome.failures().toString());
        final TaskFailure missing = failure(outcome, "missing.txt");
        assertEquals(2, missing.attempt());
        assertEquals(ShellCommandException.class.getName(), missing.remoteClass());
        assertTrue(missing.remoteMessage().contains("exited with status 1"), missing.remoteMessage());
        assertTrue(missing.remoteMessage().contains("missing.txt: No such file or directory"), missing.remoteMessage());
        final TaskFailure hung = failure(outcome, "sleep 60");
        assertEquals(2, hung.attempt());
        assertTrue(hung.remoteMessage().contains("ran past its deadline of 500 ms"), hung.remoteMessage());
    }

    @Test
    @Timeout(60)
    void shouldCompressAFolderGivenOnTheCommandLine() throws IOException
    {
        final Path out = root.resolve("gz");
        final CommandRun run = CommandRun.of(new JobsExample(), in.toString(), "--out", out.toString(),
            "--no-planted-failures", "-n", "2", "--root", root.toString());

        assertEquals(Examples.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("4 of 4 commands succeeded"), run.toString());
        assertTrue(run.out().contains("4 of 4 files compressed into " + out + "\n"), run.toString());
        assertGzipped(out);
    }

    private void assertGzipped(final Path out) throws IOException
    {
        for (final Path file : files)
        {
            try (InputStream gzip = new GZIPInputStream(Files.newInputStream(JobsExample.gzipOf(in, file, out))))
            {
                assertArrayEquals(Files.readAllBytes(file), gzip.readAllBytes(), file.toString());
            }
        }
    }

    private static TaskFailure failure(final JobsExample.Outcome outcome, final String about)
    {
        return outcome.failures().stream().filter(failure -> failure.remoteMessage().contains(about)).findFirst()
            .orElseThrow(() -> new AssertionError("no failure about " + about + ": " + outcome.failures()));
    }
}

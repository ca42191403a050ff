package org.spm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spm4j.ProcessesLeft;

/**
 * {@code spm shell} killed, terminated or interrupted while its commands run: nothing it started, spokes and
 * every process of its commands, outlives it; terminated or interrupted, it says so in one line, removes its
 * files and exits as a shell reports the signal; killed, it leaves what {@code spm clean} removes.
 */
class SpmShellSignalTest
{
    /** Bit of SIGINT in the SigIgn mask of {@code /proc/<pid>/status}. */
    private static final long SIGINT_MASK = 1L << 1;

    @TempDir
    private Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"KILL", "TERM", "INT"})
    @Timeout(90)
    void shouldLeaveNoProcessAndNoFileWhenSignalled(final String signal) throws Exception
    {
        final String nanos = String.format("%09d", System.nanoTime() % 1_000_000_000L);
        final String inGroup = "300." + nanos;
        final String ownGroup = "280." + nanos;
        final Path commands = Files.writeString(directory.resolve("commands.txt"),
            "echo done\nsleep " + inGroup + " & timeout 290 sleep " + ownGroup + " & wait\n");
        final Path pools = directory.resolve("pools");
        final Path err = directory.resolve("spm.err");

        final Process spm = SpmProcess.start(Map.of(), directory.resolve("spm.out"), err, "shell", "-n", "2",
            "--root", pools.toString(), commands.toString());
        try (ProcessesLeft tree = ProcessesLeft.awaitTreeWith(spm.pid(), Duration.ofSeconds(40), inGroup, ownGroup))
        {
            assumeFalse("INT".equals(signal) && ignoresSigint(spm.pid()),
                "SIGINT is ignored in this environment (as under nohup), so the JVM ignores it too");
            send(signal, spm.pid());
            assertTrue(spm.waitFor(30, TimeUnit.SECONDS), "spm shell outlived a SIG" + signal + " by 30 s");

            tree.awaitAllGone(Duration.ofSeconds(15));
        }
        finally
        {
            spm.destroyForcibly();
        }

        final List<String> errLines = Files.readAllLines(err);
        if ("KILL".equals(signal))
        {
            assertEquals(137, spm.exitValue());
            assertEquals(Spm.OK, SpmRun.of("clean", "--root", pools.toString()).exitCode(), "what a killed hub " +
                "leaves, spm clean removes");
        }
        else
        {
            assertEquals("TERM".equals(signal) ? 143 : 130, spm.exitValue(), errLines.toString());
            assertEquals(List.of("spm shell: stopped by a signal: the running commands are killed and the run's " +
                "files removed"), errLines);
        }
        assertEquals(List.of(), filesUnder(pools), "left under the pool root");
        assertEquals(List.of(), filesUnder(Directories.userTempDirectory("shell")).stream()
            .filter(file -> file.getFileName().toString().endsWith("-" + spm.pid())).toList(), "journal left");
    }

    private static List<Path> filesUnder(final Path directory) throws IOException
    {
        if (!Files.exists(directory))
        {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory))
        {
            return files.toList();
        }
    }

    private static void send(final String signal, final long pid) throws IOException, InterruptedException
    {
        final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS), "kill -" + signal + " " + pid + " did not return");
        assertEquals(0, kill.exitValue(), "kill -" + signal + " " + pid);
    }

    private static boolean ignoresSigint(final long pid) throws IOException
    {
        for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")))
        {
            if (line.startsWith("SigIgn:"))
            {
                return 0 != (Long.parseLong(line.substring("SigIgn:".length()).strip(), 16) & SIGINT_MASK);
            }
        }
        return false;
    }
}

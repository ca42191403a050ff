package org.spm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spm4j.ProcessesLeft;
import org.spm4j.shm.test.ChildJvm;

/**
 * {@code spm shell} killed, terminated or interrupted while its commands run: nothing it started, spokes and
 * every process of its commands, outlives it.
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
    void shouldLeaveNoProcessOfItsCommandsRunningWhenSignalled(final String signal) throws Exception
    {
        final String nanos = String.format("%09d", System.nanoTime() % 1_000_000_000L);
        final String inGroup = "300." + nanos;
        final String ownGroup = "280." + nanos;
        final Path commands = Files.writeString(directory.resolve("commands.txt"),
            "sleep " + inGroup + " & timeout 290 sleep " + ownGroup + " & wait\n");

        try (ChildJvm spm = ChildJvm.start(Spm.class, "shell", "-n", "1", "--root",
            directory.resolve("pools").toString(), "--journal", directory.resolve("journal").toString(),
            commands.toString());
            ProcessesLeft tree = ProcessesLeft.awaitTreeWith(spm.pid(), Duration.ofSeconds(40), inGroup, ownGroup))
        {
            assumeFalse("INT".equals(signal) && ignoresSigint(spm.pid()),
                "SIGINT is ignored in this environment (as under nohup), so the JVM ignores it too");
            send(signal, spm.pid());
            spm.awaitExit(Duration.ofSeconds(30));

            tree.awaitAllGone(Duration.ofSeconds(15));
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

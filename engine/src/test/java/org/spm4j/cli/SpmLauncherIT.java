package org.spm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/spm itself, run as a user runs it, on the jar the package phase built: its spokes start from that
 * jar alone. Runs in the integration-test phase, after the jar is made.
 */
class SpmLauncherIT
{
    private static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    private static final Path LAUNCHER = PROJECT.resolve("bin").resolve("spm");

    @TempDir
    private Path directory;

    @BeforeAll
    static void theJarIsBuilt()
    {
        assertTrue(Files.isRegularFile(PROJECT.resolve("engine/target/spm4j-cli.jar")),
            "the package phase builds the jar; a test must not start Maven");
    }

    @Test
    @Timeout(30)
    void shouldRunTheDemoWithSpokesFromTheJarAndReadItsJournal() throws Exception
    {
        final Path image = directory.resolve("demo.png");
        final Path journal = directory.resolve("journal");

        final Result demo = launch("", "demo", "-n", "2", "--width", "240", "--height", "180", "--max-iterations",
            "300", "--out", image.toString(), "--journal", journal.toString(), "--root", directory.resolve("pools")
                .toString());

        assertEquals(Spm.OK, demo.exitCode, demo.toString());
        assertTrue(demo.out.contains("The serial and parallel images are identical"), demo.toString());
        assertEquals("", demo.err, "no progress bar when stderr is not a terminal, and Chronicle is quiet");
        final BufferedImage png = ImageIO.read(image.toFile());
        assertEquals(240, png.getWidth());

        final Result errors = launch("", "errors", "--json", journal.toString());
        assertEquals(Spm.OK, errors.exitCode, errors.toString());
        assertEquals("flaky-band", JsonLine.parse(errors.out.strip()).get("closure"));
    }

    @Test
    @Timeout(30)
    void shouldRunShellLinesFromStdinAndExit1WithOneFailing() throws Exception
    {
        final Result shell = launch("echo one\nexit 4\necho three\n", "shell", "-n", "2",
            "--journal", directory.resolve("journal").toString(), "--root", directory.resolve("pools").toString());

        assertEquals(Spm.FAILED, shell.exitCode, shell.toString());
        assertEquals("one\nthree\n", shell.out);
        assertTrue(shell.err.contains("spm shell: line 2 failed: `exit 4` exited with status 4"), shell.toString());
        assertTrue(shell.err.contains("spm shell: 2 ok, 1 failed, 3 total in "), shell.toString());

        final Result bad = launch("", "shell", "--retries", "many");
        assertEquals(Spm.BAD_INPUT, bad.exitCode, bad.toString());
        assertEquals(1, bad.err.lines().count(), bad.toString());
    }

    private static Result launch(final String stdin, final String... args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        final Process process = builder.start();
        final CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        final CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try (OutputStream input = process.getOutputStream())
        {
            input.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(25, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new AssertionError("bin/spm " + String.join(" ", args) + " did not end within 25 s");
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    private static String read(final InputStream stream)
    {
        try
        {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private record Result(int exitCode, String out, String err)
    {
        @Override
        public String toString()
        {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}

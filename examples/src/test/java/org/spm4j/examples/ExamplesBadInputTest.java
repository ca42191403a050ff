package org.spm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Paths an example cannot use are bad input: exit 2 and one line naming the path, before any work (nothing on
 * stdout).
 */
class ExamplesBadInputTest
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

    static Stream<Arguments> badInput()
    {
        final String missing = directory.resolve("missing").toString();
        return Stream.of(
            Arguments.of("mandelbrot: cannot write the image to " + missing + "/x.png: " + missing +
                " is not a writable directory", new MandelbrotExample(), new String[] {"--out", missing + "/x.png"}),
            Arguments.of("wordcount: DIR " + missing + " is not a readable directory", new WordCountExample(),
                new String[] {missing}),
            Arguments.of("jobs: DIR " + missing + " is not a readable directory", new JobsExample(),
                new String[] {missing}),
            Arguments.of("pi: pool root /proc/spm4j-x cannot be created: java.nio.file.NoSuchFileException: " +
                "/proc/spm4j-x (see pi --help)", new PiExample(), new String[] {"--root", "/proc/spm4j-x"}),
            Arguments.of("failures: journal directory /proc/spm4j-x cannot be created: " +
                "java.nio.file.NoSuchFileException: /proc/spm4j-x", new FailuresExample(),
                new String[] {"--journal", "/proc/spm4j-x", "--root", directory.toString()}),
            Arguments.of("jobs: Invalid value for option '--deadline': 'soon' is not a duration such as 500ms, 30s, " +
                "2m, 1h or PT30S (see jobs --help)", new JobsExample(), new String[] {"--deadline", "soon"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    @Timeout(60)
    void shouldExit2WithOneLineBeforeAnyWork(final String line, final Object example, final String[] args)
    {
        final CommandRun run = CommandRun.of(example, args);
        final String name = example.getClass().getSimpleName().replace("Example", "").toLowerCase(Locale.ROOT);
        TABLE.add("| `spm example " + name + " " + String.join(" ", args).replace(directory.toString(), "$TMP") +
            "` | " + run.exitCode() + " | " +
            run.err().strip().lines().findFirst().orElse("").replace(directory.toString(), "$TMP") + " |");

        assertEquals(Examples.BAD_INPUT, run.exitCode(), run.toString());
        assertEquals(line, run.err().strip(), run.toString());
        assertEquals("", run.out(), run.toString());
    }
}

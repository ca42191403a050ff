package org.spm4j.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One run of the {@code spm} entry point in this JVM, with stdin given and stdout and stderr captured.
 *
 * @param exitCode what {@link Spm#run} returned.
 * @param out      what it printed on stdout.
 * @param err      what it printed on stderr.
 */
record SpmRun(int exitCode, String out, String err)
{
    static SpmRun of(final String... args)
    {
        return withInput("", args);
    }

    static SpmRun withInput(final String stdin, final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exitCode;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8))
        {
            exitCode = new Spm(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), outStream, errStream,
                false).run(args);
        }
        return new SpmRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<String> errLines()
    {
        return err.lines().toList();
    }

    @Override
    public String toString()
    {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}

package org.spm4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.spm4j.shm.JvmFlags;

/**
 * {@code spm} in a JVM of its own, as a user runs it: its stdout and stderr go to files, its environment is this
 * JVM's with some variables changed.
 */
final class SpmProcess
{
    private SpmProcess()
    {
    }

    /**
     * @param environment variables to set.
     * @param out         file for its stdout.
     * @param err         file for its stderr.
     * @param args        its command line, without the program.
     * @return the running process; the caller kills it if the test fails.
     * @throws IOException if the JVM cannot be started.
     */
    static Process start(final Map<String, String> environment, final Path out, final Path err, final String... args)
        throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.required());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Spm.class.getName());
        command.addAll(List.of(args));
        final ProcessBuilder spm = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        spm.environment().putAll(environment);
        return spm.start();
    }
}

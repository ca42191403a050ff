package org.spm4j;

import java.io.Serializable;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A stand-alone command for a {@link ShellFarm}: a program with its arguments ({@link #of(String...)})
 * or a line for {@code /bin/sh -c} ({@link #shell(String)}, {@link #shell(byte[])}), optionally with a working
 * directory, extra environment variables, its own deadline and files its output goes to. Immutable and
 * thread-safe; each option returns a copy.
 */
public final class ShellCommand implements Serializable
{
    private static final long serialVersionUID = 1L;
    private static final String SHELL = "/bin/sh";
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private final List<String> argv;
    private final byte[] shellLine;
    private final String directory;
    private final Map<String, String> environment;
    private final Duration deadline;
    private final String stdoutFile;
    private final String stderrFile;

    private ShellCommand(
        final List<String> argv,
        final byte[] shellLine,
        final String directory,
        final Map<String, String> environment,
        final Duration deadline,
        final String stdoutFile,
        final String stderrFile)
    {
        this.argv = argv;
        this.shellLine = shellLine;
        this.directory = directory;
        this.environment = environment;
        this.deadline = deadline;
        this.stdoutFile = stdoutFile;
        this.stderrFile = stderrFile;
    }

    /**
     * @param argv the program, found on the spoke's {@code PATH} unless it is a path, then its arguments;
     *             nothing is interpreted by a shell.
     * @return the command.
     */
    public static ShellCommand of(final String... argv)
    {
        return of(List.of(argv));
    }

    /**
     * @param argv the program, then its arguments.
     * @return the command.
     */
    public static ShellCommand of(final List<String> argv)
    {
        if (argv.isEmpty())
        {
            throw new IllegalArgumentException("a command needs at least a program");
        }
        return new ShellCommand(List.copyOf(argv), null, null, Map.of(), null, null, null);
    }

    /**
     * @param line a line for {@code /bin/sh -c}: pipes, redirections, {@code &&} and background jobs
     *             work as in a shell script. The shell is given its UTF-8 bytes, whatever the locale.
     * @return the command.
     */
    public static ShellCommand shell(final String line)
    {
        Objects.requireNonNull(line, "line");
        return new ShellCommand(List.of(SHELL, "-c", line), line.getBytes(StandardCharsets.UTF_8), null, Map.of(),
            null, null, null);
    }

    /**
     * @param line a line for {@code /bin/sh -c}, as bytes: the shell is given exactly these, whatever the locale
     *             and whether or not they are valid UTF-8, as a shell script read from a file would be.
     * @return the command.
     * @throws IllegalArgumentException if the line holds a NUL byte, which no command line can.
     */
    public static ShellCommand shell(final byte[] line)
    {
        for (int i = 0; i < line.length; i++)
        {
            if (0 == line[i])
            {
                throw new IllegalArgumentException("a command line cannot hold a NUL byte, found at byte " + i);
            }
        }
        return new ShellCommand(List.of(SHELL, "-c", new String(line, StandardCharsets.UTF_8)), line.clone(), null,
            Map.of(), null, null, null);
    }

    /**
     * @param directory working directory of the command; the spoke's by default.
     * @return a copy with that directory.
     */
    public ShellCommand directory(final Path directory)
    {
        return new ShellCommand(argv, shellLine, directory.toString(), environment, deadline, stdoutFile, stderrFile);
    }

    /**
     * @param name  an environment variable, set on top of the environment the spoke inherited.
     * @param value its value.
     * @return a copy with that variable.
     */
    public ShellCommand environment(final String name, final String value)
    {
        final Map<String, String> copy = new TreeMap<>(environment);
        copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new ShellCommand(argv, shellLine, directory, Collections.unmodifiableMap(copy), deadline, stdoutFile,
            stderrFile);
    }

    /**
     * @param deadline hard limit on this command's running time, instead of its farm's: at expiry the
     *                 command and every process it started are killed and the command fails.
     * @return a copy with that deadline.
     */
    public ShellCommand deadline(final Duration deadline)
    {
        if (deadline.isNegative() || deadline.isZero())
        {
            throw new IllegalArgumentException("deadline must be positive: " + deadline);
        }
        return new ShellCommand(argv, shellLine, directory, environment, deadline, stdoutFile, stderrFile);
    }

    /**
     * @param stdout file the command's stdout goes to, created or emptied at each attempt.
     * @param stderr file its stderr goes to, likewise; may be the same file.
     * @return a copy whose output is written to files as it comes instead of being captured: no cap applies, the
     *         result's stdout and stderr are empty, and a failure's stderr tail is read from the file.
     */
    public ShellCommand redirectOutput(final Path stdout, final Path stderr)
    {
        return new ShellCommand(argv, shellLine, directory, environment, deadline, stdout.toString(),
            stderr.toString());
    }

    /**
     * @return what is executed: the program and its arguments, {@code /bin/sh -c line} for a shell line, with the
     *         line decoded as UTF-8 (see {@link #shellLine()} for its bytes).
     */
    public List<String> argv()
    {
        return argv;
    }

    /**
     * @return the bytes of the shell line, null for a command given as a program and its arguments.
     */
    public byte[] shellLine()
    {
        return null == shellLine ? null : shellLine.clone();
    }

    /**
     * @return the file stdout goes to, null if it is captured.
     */
    public Path stdoutFile()
    {
        return null == stdoutFile ? null : Path.of(stdoutFile);
    }

    /**
     * @return the file stderr goes to, null if it is captured.
     */
    public Path stderrFile()
    {
        return null == stderrFile ? null : Path.of(stderrFile);
    }

    /**
     * @return the working directory, null for the spoke's.
     */
    public Path directory()
    {
        return null == directory ? null : Path.of(directory);
    }

    /**
     * @return variables set on top of the inherited environment, by name.
     */
    public Map<String, String> environment()
    {
        return environment;
    }

    /**
     * @return this command's own deadline, null to take its farm's.
     */
    public Duration deadline()
    {
        return deadline;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof ShellCommand that && argv.equals(that.argv) &&
            Arrays.equals(shellLine, that.shellLine) && Objects.equals(directory, that.directory) &&
            environment.equals(that.environment) && Objects.equals(deadline, that.deadline) &&
            Objects.equals(stdoutFile, that.stdoutFile) && Objects.equals(stderrFile, that.stderrFile);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(argv, directory, environment, deadline, stdoutFile, stderrFile);
    }

    /**
     * @return the shell line, or the arguments quoted as a shell would need them.
     */
    @Override
    public String toString()
    {
        if (null != shellLine)
        {
            return argv.get(2);
        }
        final StringBuilder text = new StringBuilder();
        for (final String arg : argv)
        {
            text.append(text.length() > 0 ? " " : "")
                .append(PLAIN_WORD.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return text.toString();
    }
}

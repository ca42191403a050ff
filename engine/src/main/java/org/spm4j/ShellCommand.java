package org.spm4j;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A stand-alone command for a {@link ShellFarm}: a program with its arguments ({@link #of(String...)})
 * or a line for {@code /bin/sh -c} ({@link #shell(String)}), optionally with a working directory, extra
 * environment variables and its own deadline. Immutable and thread-safe; each option returns a copy.
 */
public final class ShellCommand implements Serializable
{
    private static final long serialVersionUID = 1L;
    private static final String SHELL = "/bin/sh";
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private final List<String> argv;
    private final String shellLine;
    private final String directory;
    private final Map<String, String> environment;
    private final Duration deadline;

    private ShellCommand(
        final List<String> argv,
        final String shellLine,
        final String directory,
        final Map<String, String> environment,
        final Duration deadline)
    {
        this.argv = argv;
        this.shellLine = shellLine;
        this.directory = directory;
        this.environment = environment;
        this.deadline = deadline;
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
        return new ShellCommand(List.copyOf(argv), null, null, Map.of(), null);
    }

    /**
     * @param line a line for {@code /bin/sh -c}: pipes, redirections, {@code &&} and background jobs
     *             work as in a shell script.
     * @return the command.
     */
    public static ShellCommand shell(final String line)
    {
        Objects.requireNonNull(line, "line");
        return new ShellCommand(List.of(SHELL, "-c", line), line, null, Map.of(), null);
    }

    /**
     * @param directory working directory of the command; the spoke's by default.
     * @return a copy with that directory.
     */
    public ShellCommand directory(final Path directory)
    {
        return new ShellCommand(argv, shellLine, directory.toString(), environment, deadline);
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
        return new ShellCommand(argv, shellLine, directory, Collections.unmodifiableMap(copy), deadline);
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
        return new ShellCommand(argv, shellLine, directory, environment, deadline);
    }

    /**
     * @return what is executed: the program and its arguments, {@code /bin/sh -c line} for a shell line.
     */
    public List<String> argv()
    {
        return argv;
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
            Objects.equals(directory, that.directory) && environment.equals(that.environment) &&
            Objects.equals(deadline, that.deadline);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(argv, directory, environment, deadline);
    }

    /**
     * @return the shell line, or the arguments quoted as a shell would need them.
     */
    @Override
    public String toString()
    {
        if (null != shellLine)
        {
            return shellLine;
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

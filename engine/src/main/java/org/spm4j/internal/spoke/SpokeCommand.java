package org.spm4j.internal.spoke;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.spm4j.SpokeIdle;
import org.spm4j.internal.codec.Codecs;
import org.spm4j.shm.JvmFlags;

/**
 * What a spoke JVM of one pool is started with, apart from its spoke id and placement. The hub builds it
 * for the spokes it launches and stores it in the pool directory, so that {@code spm spokes} can start
 * spokes that attach to the pool from outside. Immutable.
 *
 * @param java             the java launcher.
 * @param jvmOptions       JVM options for spokes: {@link SpokeJvmOptions#withDefaults the defaults} and the pool's.
 * @param classpath        the hub's class path.
 * @param poolFile         the pool file.
 * @param idle             how idle spokes wait.
 * @param journalDirectory the error journal.
 * @param inboxCapacity    bytes of each inbox ring.
 * @param codec            class name of the user's codec, or {@link Codecs#DEFAULT}.
 * @param allowedClasses   extra deserialization allow-list patterns.
 */
public record SpokeCommand(
    Path java,
    List<String> jvmOptions,
    String classpath,
    Path poolFile,
    SpokeIdle idle,
    Path journalDirectory,
    int inboxCapacity,
    String codec,
    List<String> allowedClasses)
{
    /** Spoke id argument that makes a spoke claim the first free slot of the pool. */
    public static final String ANY_FREE_SLOT = "any";
    /** Name of the file in the pool directory that holds the command. */
    public static final String FILE_NAME = "spoke-command.properties";

    private static final String OPTION_SEPARATOR = "\n";

    /**
     * @param spokeId    a spoke id, or {@link #ANY_FREE_SLOT}.
     * @param processors processors the spoke may size its threads for.
     * @return the command line of a spoke JVM.
     */
    public List<String> commandLine(final String spokeId, final int processors)
    {
        final List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(JvmFlags.required());
        command.add("-XX:ActiveProcessorCount=" + processors);
        command.add("-XX:+ExitOnOutOfMemoryError");
        // the JVM says it ran out of memory on stdout otherwise, where the hub's record of its end does not look
        command.add("-XX:+DisplayVMOutputToStderr");
        command.add("-XX:ErrorFile=" + crashReportPattern());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(SpokeMain.class.getName());
        command.add(poolFile.toString());
        command.add(spokeId);
        command.add(idle.name());
        command.add(journalDirectory.toString());
        command.add(Integer.toString(inboxCapacity));
        command.add(codec);
        command.add(String.join(",", allowedClasses));
        return command;
    }

    /**
     * A JVM that crashes writes its report into the pool directory, removed with the pool, rather than
     * into the working directory of whoever started the hub; the pool's own JVM options may say otherwise.
     *
     * @return the {@code -XX:ErrorFile} pattern, {@code %p} standing for the pid.
     */
    public String crashReportPattern()
    {
        final Path directory = poolFile.toAbsolutePath().getParent();
        return directory.toString().replace("%", "%%") + directory.getFileSystem().getSeparator() +
            "hs_err_pid%p.log";
    }

    /**
     * Write the command to a new owner-only file.
     *
     * @param file where.
     */
    public void store(final Path file)
    {
        final Properties properties = new Properties();
        properties.setProperty("java", java.toString());
        properties.setProperty("jvmOptions", String.join(OPTION_SEPARATOR, jvmOptions));
        properties.setProperty("classpath", classpath);
        properties.setProperty("poolFile", poolFile.toString());
        properties.setProperty("idle", idle.name());
        properties.setProperty("journalDirectory", journalDirectory.toString());
        properties.setProperty("inboxCapacity", Integer.toString(inboxCapacity));
        properties.setProperty("codec", codec);
        properties.setProperty("allowedClasses", String.join(OPTION_SEPARATOR, allowedClasses));
        try
        {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
            {
                properties.store(writer, "how spokes of this pool are started");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the spoke command to " + file, ex);
        }
    }

    /**
     * @param file a file written by {@link #store(Path)}.
     * @return the command it holds.
     * @throws IllegalArgumentException naming the file and the missing or malformed entry.
     * @throws UncheckedIOException     if it cannot be read.
     */
    public static SpokeCommand load(final Path file)
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the spoke command " + file, ex);
        }
        try
        {
            return new SpokeCommand(Path.of(required(properties, "java")), list(required(properties, "jvmOptions")),
                required(properties, "classpath"), Path.of(required(properties, "poolFile")),
                SpokeIdle.valueOf(required(properties, "idle")), Path.of(required(properties, "journalDirectory")),
                Integer.parseInt(required(properties, "inboxCapacity")), required(properties, "codec"),
                list(required(properties, "allowedClasses")));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("malformed spoke command " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static String required(final Properties properties, final String key)
    {
        final String value = properties.getProperty(key);
        if (null == value)
        {
            throw new IllegalArgumentException("no '" + key + "' entry");
        }
        return value;
    }

    private static List<String> list(final String joined)
    {
        return joined.isEmpty() ? List.of() : List.copyOf(Arrays.asList(joined.split(OPTION_SEPARATOR)));
    }
}

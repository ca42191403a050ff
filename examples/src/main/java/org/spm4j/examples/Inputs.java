package org.spm4j.examples;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks of the paths an example is given, made before any work, so that a wrong one is bad input (exit 2, one
 * line) rather than a failure half way.
 */
final class Inputs
{
    private Inputs()
    {
    }

    /**
     * @param directory a directory the example reads.
     * @param what      what it is, for the message.
     * @return it.
     * @throws IllegalArgumentException naming it if it is not a readable directory.
     */
    static Path readableDirectory(final Path directory, final String what)
    {
        if (!Files.isDirectory(directory) || !Files.isReadable(directory))
        {
            throw new IllegalArgumentException(what + " " + directory + " is not a readable directory");
        }
        return directory;
    }

    /**
     * @param file a file the example will write.
     * @param what what it is, for the message.
     * @return it.
     * @throws IllegalArgumentException naming it if its directory does not exist or cannot be written.
     */
    static Path writableFile(final Path file, final String what)
    {
        final Path directory = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory) || !Files.isWritable(directory) || Files.isDirectory(file))
        {
            throw new IllegalArgumentException("cannot write the " + what + " to " + file + ": " + directory +
                " is not a writable directory" + (Files.isDirectory(file) ? ", or " + file + " is one" : ""));
        }
        return file;
    }
}

package org.spm4j.shm.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Test directories live where pools live, in /dev/shm when the machine has it, and JUnit removes
 * them after each test whether it passed or not.
 */
public final class ShmTempDirFactory implements TempDirFactory
{
    private static final Path SHM = Path.of("/dev/shm");

    @Override
    public Path createTempDirectory(final AnnotatedElementContext elementContext, final ExtensionContext context)
        throws IOException
    {
        return newDirectory("spm4j-test-");
    }

    static Path newDirectory(final String prefix) throws IOException
    {
        final Path parent = Files.isDirectory(SHM) && Files.isWritable(SHM) ?
            SHM : Path.of(System.getProperty("java.io.tmpdir"));
        return Files.createTempDirectory(parent, prefix);
    }
}

package org.spm4j;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * An exception class compiled at test time into a directory that is not on any classpath, so only
 * code that loads it explicitly (a task on a spoke) has it.
 */
final class SpokeOnlyClasses
{
    static final String EXCEPTION_CLASS = "spokeonly.SpokeOnlyException";

    private SpokeOnlyClasses()
    {
    }

    static Path compileException(final Path directory) throws IOException
    {
        final Path source = Files.createDirectories(directory.resolve("spokeonly")).resolve("SpokeOnlyException.java");
        Files.writeString(source, "package spokeonly; public class SpokeOnlyException extends RuntimeException {" +
            " public SpokeOnlyException(String message) { super(message); } }");
        final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (0 != compiler.run(null, null, null, "-d", directory.toString(), source.toString()))
        {
            throw new IllegalStateException("cannot compile " + source);
        }
        return directory;
    }

    static RuntimeException newException(final String directory, final String message) throws Exception
    {
        final URLClassLoader loader = new URLClassLoader(new URL[] { Path.of(directory).toUri().toURL() });
        return (RuntimeException)loader.loadClass(EXCEPTION_CLASS).getConstructor(String.class).newInstance(message);
    }
}

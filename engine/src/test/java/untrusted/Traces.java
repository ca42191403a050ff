package untrusted;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where {@link Gadget}'s code says it ran: a list in this JVM, and a file per event in the directory
 * the system property {@link #DIRECTORY_PROPERTY} names, which is how a spoke JVM reports it.
 */
public final class Traces
{
    /** The system property naming the directory of trace files. */
    public static final String DIRECTORY_PROPERTY = "untrusted.traces";

    private static final List<String> EVENTS = new ArrayList<>();

    private Traces()
    {
    }

    /**
     * @return the events recorded in this JVM so far.
     */
    public static synchronized List<String> inThisJvm()
    {
        return List.copyOf(EVENTS);
    }

    /**
     * @param directory where spokes write their trace files.
     * @return the events recorded there, sorted.
     */
    public static List<String> inDirectory(final Path directory)
    {
        try (var files = Files.list(directory))
        {
            return files.map(file -> file.getFileName().toString().replaceFirst("~.*", "")).sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static synchronized void record(final String event)
    {
        EVENTS.add(event);
        final String directory = System.getProperty(DIRECTORY_PROPERTY);
        if (null != directory)
        {
            try
            {
                Files.createTempFile(Path.of(directory), event + "~", "");
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}

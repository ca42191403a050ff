package org.spm4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * What {@code spm --version} prints: spm4j's version, filtered in by the build, and the Java that runs it.
 */
public final class SpmVersion implements IVersionProvider
{
    private static final String UNKNOWN = "unknown";

    @Override
    public String[] getVersion()
    {
        return new String[]
        {
            "spm " + version() + " (spm4j)",
            "Java " + Runtime.version() + ", " + System.getProperty("java.vm.name") + ", " +
                System.getProperty("java.home"),
        };
    }

    static String version()
    {
        try (InputStream properties = SpmVersion.class.getResourceAsStream("spm.properties"))
        {
            if (null == properties)
            {
                return UNKNOWN;
            }
            final Properties loaded = new Properties();
            loaded.load(properties);
            return loaded.getProperty("version", UNKNOWN);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read spm's version", ex);
        }
    }
}

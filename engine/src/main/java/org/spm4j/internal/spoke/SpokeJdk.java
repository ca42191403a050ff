package org.spm4j.internal.spoke;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What spokes' JVM options depend on in the JDK they run on, which is the hub's. Immutable.
 *
 * @param version     its version.
 * @param vendor      its {@code java.vendor}.
 * @param hotSpot     true if its VM is HotSpot, whose {@code -XX} options spokes are given.
 * @param glibcLinux  true on Linux with the GNU C library, whose heap the JVM can trim.
 */
public record SpokeJdk(Runtime.Version version, String vendor, boolean hotSpot, boolean glibcLinux)
{
    private static final String ORACLE = "Oracle Corporation";

    /**
     * @return this JVM's.
     */
    public static SpokeJdk current()
    {
        final String vmName = System.getProperty("java.vm.name", "");
        return new SpokeJdk(Runtime.version(), System.getProperty("java.vendor", ""),
            vmName.contains("HotSpot") || vmName.startsWith("OpenJDK"),
            "Linux".equals(System.getProperty("os.name")) && !hasMuslLoader());
    }

    /**
     * The serial collector maps the JDK's archived heap objects, the module graph among them, from JDK 18 on.
     *
     * @return true if a JVM with G1 starts faster than one with the serial collector.
     */
    public boolean startsFasterWithG1()
    {
        return hotSpot && version.feature() < 18;
    }

    /**
     * {@code -XX:TrimNativeHeapInterval} came to JDK 22 and, as an experimental option, to the OpenJDK updates
     * 21.0.1 and 17.0.10 (by the dates of the backports). A JVM refuses an option it does not know, and every spoke
     * would fail to start, so 17 takes it from 17.0.11 on, and Oracle's own builds of 17 and 21 updates not at all.
     *
     * @return true if the JVM takes the option and acts on it.
     */
    public boolean trimsNativeHeap()
    {
        if (!hotSpot || !glibcLinux || (version.feature() < 22 && ORACLE.equals(vendor)))
        {
            return false;
        }
        return switch (version.feature())
        {
            case 17 -> version.update() >= 11;
            case 21 -> version.update() >= 1;
            default -> version.feature() >= 22;
        };
    }

    /**
     * The option is a product option from JDK 23 on; which updates of 17, 21 and 22 made it one is less certain, and
     * unlocking experimental options where it already is one does no harm.
     *
     * @return true if the JVM may need experimental options unlocked for the trim option.
     */
    public boolean trimNeedsUnlock()
    {
        return version.feature() < 23;
    }

    private static boolean hasMuslLoader()
    {
        try (Stream<Path> lib = Files.list(Path.of("/lib")))
        {
            return lib.anyMatch(file -> file.getFileName().toString().startsWith("ld-musl-"));
        }
        catch (final IOException | RuntimeException ex)
        {
            return false;
        }
    }
}

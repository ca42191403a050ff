package org.spm4j.shm.journal;

/**
 * Keeps Chronicle from printing a banner, sending usage analytics or logging performance notes.
 * Chronicle reads these properties once, in static initializers, so every class of this package that
 * touches Chronicle first triggers this one; it refers to no Chronicle class itself. A value the
 * user already set wins.
 */
final class ChronicleQuiet
{
    static final String[] PROPERTIES =
    {
        "chronicle.analytics.disable",
        "chronicle.announcer.disable",
        "disable.perf.info",
    };

    static
    {
        for (final String property : PROPERTIES)
        {
            if (System.getProperty(property) == null)
            {
                System.setProperty(property, "true");
            }
        }
    }

    private ChronicleQuiet()
    {
    }

    /**
     * Does nothing itself; calling it runs the static initializer above exactly once.
     */
    static void ensure()
    {
    }
}

package org.spm4j;

import java.util.Locale;

/**
 * What the chaos thread of a {@link ChaosRun} does to a pool's spokes every period.
 */
enum ChaosMode
{
    /** SIGKILL a random READY or BUSY spoke. */
    KILL(200, "a spoke SIGKILLed every %d ms"),
    /**
     * SIGKILL and SIGSTOP in turn a random READY or BUSY spoke; the hub must kill the stopped ones. Until their
     * heartbeat times out (1 s) they hold the tasks sent to them, so hitting more often than that would leave the
     * pool with hardly a spoke that serves.
     */
    STOP(1_000, "a spoke SIGKILLed or SIGSTOPped in turn every %d ms"),
    /** SIGKILL every spoke JVM of this hub, those still starting included. */
    MASSACRE(20, "every spoke JVM SIGKILLed every %d ms");

    private final long defaultPeriodMs;
    private final String description;

    ChaosMode(final long defaultPeriodMs, final String description)
    {
        this.defaultPeriodMs = defaultPeriodMs;
        this.description = description;
    }

    /**
     * @return the period when none is given.
     */
    long defaultPeriodMs()
    {
        return defaultPeriodMs;
    }

    /**
     * @param periodMs the period.
     * @return e.g. "a spoke SIGKILLed every 200 ms".
     */
    String describe(final long periodMs)
    {
        return String.format(description, periodMs);
    }

    /**
     * @param name e.g. "stop".
     * @return the mode so named.
     * @throws IllegalArgumentException if none is.
     */
    static ChaosMode named(final String name)
    {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}

package org.spm4j.shm.journal;

import java.nio.file.Path;

/**
 * Opens a journal, appends and drains, printing only lines that start with {@link #PREFIX}. The
 * quiet flags the launcher passes are removed first, so it is the journal's own defaults that have
 * to keep Chronicle quiet. Refers to nothing from JUnit: it runs without JUnit on its classpath.
 */
public final class JournalQuietMain
{
    static final String PREFIX = "quiet-child: ";

    // Spelled out: touching ChronicleQuiet here would run its initializer before the flags are removed.
    private static final String[] QUIET_PROPERTIES =
    {
        "chronicle.analytics.disable",
        "chronicle.announcer.disable",
        "disable.perf.info",
    };

    private JournalQuietMain()
    {
    }

    public static void main(final String[] args)
    {
        for (final String property : QUIET_PROPERTIES)
        {
            System.clearProperty(property);
        }

        final int[] drained = new int[1];
        try (ErrorJournal journal = ErrorJournal.open(Path.of(args[0]));
            ErrorJournalAppender appender = journal.appender();
            ErrorJournalDrainer drainer = journal.drainer("hub"))
        {
            System.out.println(PREFIX + "appended " + appender.append(TestRecords.record(1, 0)));
            System.out.println(PREFIX + "drained " + drainer.drain((record, index) -> drained[0]++, 10));
        }

        final StringBuilder properties = new StringBuilder(PREFIX + "properties");
        for (final String property : QUIET_PROPERTIES)
        {
            properties.append(' ').append(property).append('=').append(System.getProperty(property));
        }
        System.out.println(properties);
    }
}

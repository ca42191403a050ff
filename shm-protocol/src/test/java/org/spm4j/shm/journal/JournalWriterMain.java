package org.spm4j.shm.journal;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Appends {@code count} records as writer {@code writerId}, sequence 0 upwards, then prints
 * {@code writer <id> done <count> <appends per second> <p50 ns> <p99 ns>}.
 */
public final class JournalWriterMain
{
    private JournalWriterMain()
    {
    }

    public static void main(final String[] args)
    {
        final Path directory = Path.of(args[0]);
        final int writerId = Integer.parseInt(args[1]);
        final int count = Integer.parseInt(args[2]);
        final long[] latencyNs = new long[count];

        try (ErrorJournal journal = ErrorJournal.open(directory);
            ErrorJournalAppender appender = journal.appender())
        {
            final long startNs = System.nanoTime();
            for (int sequence = 0; sequence < count; sequence++)
            {
                final ErrorRecord record = TestRecords.record(writerId, sequence);
                final long beforeNs = System.nanoTime();
                appender.append(record);
                latencyNs[sequence] = System.nanoTime() - beforeNs;
            }
            final long elapsedNs = System.nanoTime() - startNs;

            Arrays.sort(latencyNs);
            System.out.println("writer " + writerId + " done " + count + " " + count * 1_000_000_000L / elapsedNs +
                " " + latencyNs[count / 2] + " " + latencyNs[(int)(count * 0.99)]);
        }
    }
}

package org.spm4j.shm.journal;

import java.nio.file.Path;

/**
 * Drains {@code limit} records with drainer {@code name}, waiting for them if needed, printing
 * {@code drained <spoke id> <task id> <index>} for each and then {@code drainer done <count>}. It then
 * waits to be killed, so its position is left as a crash would leave it.
 */
public final class JournalDrainerMain
{
    private JournalDrainerMain()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final Path directory = Path.of(args[0]);
        final String name = args[1];
        final int limit = Integer.parseInt(args[2]);

        final ErrorJournal journal = ErrorJournal.open(directory);
        final ErrorJournalDrainer drainer = journal.drainer(name);
        int drained = 0;
        while (drained < limit)
        {
            drained += drainer.drain((record, index) ->
                System.out.println("drained " + record.spokeId() + " " + record.taskId() + " " + index),
                limit - drained);
            Thread.onSpinWait();
        }
        System.out.println("drainer done " + drained);
        Thread.sleep(Long.MAX_VALUE);
    }
}

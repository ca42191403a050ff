package org.spm4j.shm.journal;

import java.nio.file.Path;

/**
 * Drains {@code limit} records with drainer {@code name}, waiting for them if needed, printing
 * {@code drained <spoke id> <task id> <index>} for each. Then, inside the handler of the next record,
 * it prints {@code halting <task id>} and halts the JVM: a hub that dies while handling a record.
 */
public final class JournalDrainerMain
{
    static final int HALT_STATUS = 3;

    private JournalDrainerMain()
    {
    }

    public static void main(final String[] args)
    {
        final Path directory = Path.of(args[0]);
        final String name = args[1];
        final int limit = Integer.parseInt(args[2]);

        final ErrorJournal journal = ErrorJournal.open(directory);
        final ErrorJournalDrainer drainer = journal.drainer(name);
        int drained = 0;
        while (true)
        {
            final boolean halt = drained >= limit;
            drained += drainer.drain((record, index) ->
            {
                if (halt)
                {
                    System.out.println("halting " + record.taskId());
                    System.out.flush();
                    Runtime.getRuntime().halt(HALT_STATUS);
                }
                System.out.println("drained " + record.spokeId() + " " + record.taskId() + " " + index);
            }, halt ? 1 : limit - drained);
            Thread.onSpinWait();
        }
    }
}

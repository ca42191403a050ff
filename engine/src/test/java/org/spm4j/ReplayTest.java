package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spm4j.internal.task.Replay;
import org.spm4j.shm.journal.ErrorJournalScanner;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.journal.ErrorRecord;

class ReplayTest
{
    @TempDir
    private Path root;

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shouldReproduceAFailedTaskFromItsJournalRecord(final PoolKind kind)
    {
        final Path journal = root.resolve("journal");
        final int offset = 40;
        try (Pool pool = kind.builder(root.resolve("pools")).persistentJournal(journal).build())
        {
            final Closure<Integer, Integer> divide = pool.define("divide", (Integer x) -> 100 / (x - offset));
            assertThrows(ParallelException.class, () ->
            {
                try (TaskFarm farm = pool.taskFarm().start())
                {
                    farm.map(divide, List.of(41, 40));
                }
            });
        }

        final ErrorRecord record = failedTaskRecords(journal).get(0);
        assertEquals("divide", record.closureName());
        final ArithmeticException again = assertThrows(ArithmeticException.class, () -> Replay.run(record, List.of()));
        assertEquals(record.message(), again.getMessage());
        assertEquals("java.lang.ArithmeticException", record.exceptionClass());
    }

    private static List<ErrorRecord> failedTaskRecords(final Path directory)
    {
        final List<ErrorRecord> records = new ArrayList<>();
        try (ErrorJournalScanner scanner = ErrorJournalScanner.open(directory))
        {
            while (scanner.read((record, index) ->
            {
                if (ErrorKind.TASK_FAILED == record.kind())
                {
                    records.add(record);
                }
            }, ex -> fail(ex), 100) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return records;
    }
}

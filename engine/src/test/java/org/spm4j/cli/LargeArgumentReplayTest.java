package org.spm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spm4j.Closure;
import org.spm4j.ParallelException;
import org.spm4j.Pool;
import org.spm4j.PoolBuilder;
import org.spm4j.TaskFailure;
import org.spm4j.TaskFarm;
import org.spm4j.internal.task.Replay;
import org.spm4j.shm.ValueDescriptor;
import org.spm4j.shm.journal.ErrorJournalScanner;
import org.spm4j.shm.journal.ErrorRecord;

/**
 * A failed task whose argument was too large for a message: its record keeps the argument's bytes when they fit a
 * record, and {@code spm replay} runs it again; otherwise the record says the argument was too large to keep, and
 * so does {@code spm replay}, as bad input.
 */
class LargeArgumentReplayTest
{
    /** Over a task message's limit, well under a journal record's. */
    private static final int KEPT = 1024 * 1024;
    /** Over a journal record's limit, which is under 16 MiB. */
    private static final int NOT_KEPT = 20 * 1024 * 1024;

    @TempDir
    private Path root;

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    @Timeout(120)
    void shouldReplayATaskWhoseLargeArgumentFitsItsRecord(final boolean local)
    {
        final Path journal = root.resolve("journal");
        final TaskFailure failure = failWithArgumentOf(KEPT, journal, local);

        final ErrorRecord record = recordOf(journal, failure);
        assertEquals(1 + 1 + KEPT, record.argumentBytes().length, "its form, the default codec's tag and its bytes");
        assertEquals(ValueDescriptor.INLINE, record.argumentBytes()[0]);
        final SpmRun run = SpmRun.of("replay", journal.toString(), Long.toString(failure.journalIndex()),
            "--spoke", Integer.toString(failure.spokeId()));

        assertEquals(Spm.FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("it failed again:\njava.lang.IllegalArgumentException: " + KEPT +
            " bytes of checksum " + checksumOf(KEPT)), run.out());
    }

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    @Timeout(120)
    void shouldSayAnArgumentTooLargeToKeepCannotBeReplayed(final boolean local)
    {
        final Path journal = root.resolve("journal");
        final TaskFailure failure = failWithArgumentOf(NOT_KEPT, journal, local);

        final ErrorRecord record = recordOf(journal, failure);
        final String tooLarge = "the argument of task " + failure.taskId() + ", " + (1 + NOT_KEPT) + " bytes " +
            "encoded, was too large to keep in its journal record; it cannot be replayed";
        assertEquals(ValueDescriptor.NOT_KEPT_LENGTH, record.argumentBytes().length);
        assertTrue(record.stackTrace().endsWith("[argument of " + (1 + NOT_KEPT) + " bytes encoded not kept: more " +
            "than an error journal record holds; the task cannot be replayed]"), record.stackTrace());
        assertEquals(tooLarge, assertThrows(IllegalArgumentException.class,
            () -> Replay.run(record, List.of())).getMessage());
        final SpmRun run = SpmRun.of("replay", journal.toString(), Long.toString(failure.journalIndex()),
            "--spoke", Integer.toString(failure.spokeId()));

        assertEquals(Spm.BAD_INPUT, run.exitCode(), run.toString());
        assertEquals(List.of("spm replay: " + tooLarge), run.errLines());
    }

    private TaskFailure failWithArgumentOf(final int length, final Path journal, final boolean local)
    {
        final PoolBuilder builder = local ? Pool.builder().spokes(1) : Pool.builder().serial();
        try (Pool pool = builder.root(root.resolve("pools")).persistentJournal(journal).build())
        {
            final Closure<byte[], Integer> check = pool.define("check", (byte[] bytes) ->
            {
                throw new IllegalArgumentException(bytes.length + " bytes of checksum " + checksum(bytes));
            });
            try (TaskFarm farm = pool.taskFarm().start())
            {
                final ParallelException failed = assertThrows(ParallelException.class,
                    () -> farm.map(check, List.of(new byte[length])));
                return failed.failures().get(0);
            }
        }
    }

    private static ErrorRecord recordOf(final Path journal, final TaskFailure failure)
    {
        final List<ErrorRecord> found = new ArrayList<>();
        try (ErrorJournalScanner scanner = ErrorJournalScanner.open(journal))
        {
            while (scanner.read((record, index) ->
            {
                if (index == failure.journalIndex() && record.spokeId() == failure.spokeId())
                {
                    found.add(record);
                }
            }, ex ->
            {
                throw ex;
            }, 100) > 0)
            {
                Thread.onSpinWait();
            }
        }
        assertEquals(1, found.size(), "records of " + failure);
        return found.get(0);
    }

    private static long checksumOf(final int zeros)
    {
        return checksum(new byte[zeros]);
    }

    private static long checksum(final byte[] bytes)
    {
        final CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}

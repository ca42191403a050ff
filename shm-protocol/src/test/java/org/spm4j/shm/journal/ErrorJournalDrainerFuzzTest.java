package org.spm4j.shm.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.test.ShmTempDirectory;

/**
 * The journal reader over a real journal holding valid records, mutated records and random excerpts, as
 * a spoke with a corrupted heap might leave them: the drainer hands over every excerpt that decodes, in
 * order and at its index, reports every other one as the decoder does, and always moves on. One journal
 * per run, 1,000 cases of up to six excerpts each. Excerpts are never empty: Chronicle stores an empty
 * one as a padding byte, which the decoder duly refuses as an unknown schema version.
 */
class ErrorJournalDrainerFuzzTest
{
    private final ShmTempDirectory directory = new ShmTempDirectory();
    private final ErrorJournal journal = ErrorJournal.open(directory.path());
    private final ErrorJournalDrainer drainer = journal.drainer("fuzz");
    private final SingleChronicleQueue rawQueue = SingleChronicleQueueBuilder.binary(directory.path())
        .rollCycle(ErrorJournal.DEFAULT_ROLL_CYCLE).build();
    private final ExcerptAppender rawAppender = rawQueue.createAppender();

    @Property(tries = 1_000)
    void shouldHandOverEveryReadableExcerptAndReportEveryOther(@ForAll("excerpts") final List<byte[]> excerpts)
    {
        final List<Object> expected = new ArrayList<>();
        for (final byte[] excerpt : excerpts)
        {
            rawAppender.writeBytes(Bytes.wrapForRead(excerpt));
            expected.add(outcome(rawAppender.lastIndexAppended(), excerpt));
        }

        final List<Object> drained = new ArrayList<>();
        for (int calls = 0; drained.size() < expected.size(); calls++)
        {
            assertTrue(calls < expected.size(), () -> "the drainer stalled after " + drained);
            try
            {
                drainer.drain((record, index) -> drained.add(List.of(index, record)), expected.size());
            }
            catch (final ProtocolException ex)
            {
                drained.add(ex.getMessage());
            }
        }
        assertEquals(expected, drained);
        assertEquals(0, drainer.drain((record, index) -> drained.add(record), 1));
    }

    private static Object outcome(final long index, final byte[] excerpt)
    {
        try
        {
            return List.of(index, ErrorRecordCodec.decode(index, Bytes.wrapForRead(excerpt)));
        }
        catch (final ProtocolException ex)
        {
            return ex.getMessage();
        }
    }

    @AfterProperty
    void close()
    {
        rawAppender.close();
        rawQueue.close();
        drainer.close();
        journal.close();
        directory.close();
    }

    @Provide
    Arbitrary<List<byte[]>> excerpts()
    {
        return Arbitraries.oneOf(
                JournalArbitraries.encodedRecords(), JournalArbitraries.mutatedRecords(),
                JournalArbitraries.randomExcerpts())
            .filter(excerpt -> excerpt.length > 0)
            .list().ofMinSize(1).ofMaxSize(6);
    }
}

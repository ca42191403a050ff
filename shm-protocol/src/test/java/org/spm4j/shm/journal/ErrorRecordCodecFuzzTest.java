package org.spm4j.shm.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.StatisticsReport;
import net.openhft.chronicle.bytes.Bytes;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.test.Outcomes;

/**
 * The journal record decoder over random bytes and mutated valid records: it decodes them, and then the
 * record encodes back to exactly the bytes it came from, or it refuses them with a
 * {@link ProtocolException} that names the index and the field or length at fault (never the catch-all
 * for an unexpected failure). 5,000 random and 15,000 mutated cases per run.
 */
@StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
class ErrorRecordCodecFuzzTest
{
    private static final long INDEX = 0x1F00000007L;
    private static final Pattern NAMES_THE_PROBLEM = Pattern.compile(
        "error journal record at index " + INDEX + " \\(0x" + Long.toHexString(INDEX) + "\\) " +
        "(is empty|has unknown schema version -?\\d+ .*|is truncated: \\d+ bytes, fixed part needs \\d+|" +
        "has unknown error kind code -?\\d+|is truncated before the length of field \\w+|" +
        "has negative length -?\\d+ for field \\w+|is truncated: field \\w+ declares \\d+ bytes but \\d+ remain|" +
        "has invalid UTF-8 in field \\w+|has \\d+ bytes after its last field)");

    @Property(tries = 5_000)
    void shouldDecodeOrRefuseRandomBytes(@ForAll("randomExcerpts") final byte[] excerpt)
    {
        decodeOrRefuse(excerpt);
    }

    @Property(tries = 15_000)
    void shouldDecodeOrRefuseMutatedRecords(@ForAll("mutatedRecords") final byte[] excerpt)
    {
        Outcomes.collect(decodeOrRefuse(excerpt), 5);
    }

    /**
     * @return true if the excerpt decoded, false if it was refused.
     */
    private static boolean decodeOrRefuse(final byte[] excerpt)
    {
        final ErrorRecord record;
        try
        {
            record = ErrorRecordCodec.decode(INDEX, Bytes.wrapForRead(excerpt));
        }
        catch (final ProtocolException ex)
        {
            assertTrue(NAMES_THE_PROBLEM.matcher(ex.getMessage()).matches(), ex.getMessage());
            return false;
        }
        assertArrayEquals(excerpt, JournalArbitraries.encode(record), record::toString);
        return true;
    }

    @Provide
    Arbitrary<byte[]> randomExcerpts()
    {
        return JournalArbitraries.randomExcerpts();
    }

    @Provide
    Arbitrary<byte[]> mutatedRecords()
    {
        return JournalArbitraries.mutatedRecords();
    }
}

package org.spm4j.shm.closure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spm4j.shm.closure.ClosureTableDescriptor.BYTES_LENGTH_OFFSET;
import static org.spm4j.shm.closure.ClosureTableDescriptor.CODEC_ID_OFFSET;
import static org.spm4j.shm.closure.ClosureTableDescriptor.HEADER_LENGTH;
import static org.spm4j.shm.closure.ClosureTableDescriptor.NAME_LENGTH_OFFSET;
import static org.spm4j.shm.closure.ClosureTableDescriptor.PUBLISHED_FENCE_OFFSET;
import static org.spm4j.shm.closure.ClosureTableDescriptor.PUBLISHED_LENGTH_OFFSET;
import static org.spm4j.shm.closure.ClosureTableDescriptor.RECORD_HEADER_LENGTH;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.StatisticsReport;
import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.test.Mutation;
import org.spm4j.shm.test.Outcomes;

/**
 * The closure table reader over random tables and over valid tables with mutations: it loads every
 * definition below the fence, each name exactly as the table holds it, or refuses with a
 * {@link ProtocolException} naming the record or header field at fault. 5,000 random and 10,000 mutated
 * cases per run.
 */
@StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
class ClosureTableReaderFuzzTest
{
    private static final int CAPACITY = 1024;
    private static final Pattern NAMES_THE_PROBLEM = Pattern.compile(
        "closure table header is corrupt: fence -?\\d+, published length -?\\d+, capacity \\d+|" +
        "closure table record \\d+ at offset \\d+ .*");

    @Property(tries = 5_000)
    void shouldLoadOrRefuseARandomTable(
        @ForAll("fences") final long fence,
        @ForAll("publishedLengths") final long publishedLength,
        @ForAll @Size(max = 256) final byte[] log)
    {
        final UnsafeBuffer table = new UnsafeBuffer(new byte[CAPACITY]);
        table.putLong(PUBLISHED_FENCE_OFFSET, fence);
        table.putLong(PUBLISHED_LENGTH_OFFSET, publishedLength);
        table.putBytes(HEADER_LENGTH, log);

        loadOrRefuse(table);
    }

    @Property(tries = 10_000)
    void shouldLoadOrRefuseAMutatedTable(
        @ForAll("definitions") final List<Definition> definitions,
        @ForAll("mutations") final List<Mutation> mutations)
    {
        final UnsafeBuffer valid = new UnsafeBuffer(new byte[CAPACITY]);
        final ClosureTableWriter writer = new ClosureTableWriter(valid);
        for (final Definition definition : definitions)
        {
            writer.append(definition.name(), definition.codecId(), new UnsafeBuffer(definition.bytes()), 0,
                definition.bytes().length);
        }
        writer.publish();
        final int publishedLength = (int)valid.getLong(PUBLISHED_LENGTH_OFFSET);

        final byte[] mutated = Mutation.apply(mutations, Arrays.copyOf(valid.byteArray(), publishedLength));
        final UnsafeBuffer table = new UnsafeBuffer(new byte[CAPACITY]);
        table.putBytes(0, mutated, 0, Math.min(mutated.length, CAPACITY));

        Outcomes.collect(loadOrRefuse(table), 5);
    }

    /**
     * @return true if the table loaded, false if it was refused.
     */
    private static boolean loadOrRefuse(final UnsafeBuffer table)
    {
        final ClosureTableReader reader = new ClosureTableReader(table);
        final int count;
        try
        {
            count = reader.refresh();
        }
        catch (final ProtocolException ex)
        {
            assertTrue(NAMES_THE_PROBLEM.matcher(ex.getMessage()).matches(), ex.getMessage());
            return false;
        }

        int record = HEADER_LENGTH;
        for (int closureId = 0; closureId < count; closureId++)
        {
            final ClosureDefinition definition = reader.definition(closureId);
            final int nameLength = table.getInt(record + NAME_LENGTH_OFFSET);
            final int bytesLength = table.getInt(record + BYTES_LENGTH_OFFSET);
            final byte[] name = new byte[nameLength];
            table.getBytes(record + RECORD_HEADER_LENGTH, name);
            final byte[] bytes = new byte[bytesLength];
            table.getBytes(record + RECORD_HEADER_LENGTH + nameLength, bytes);

            assertEquals(closureId, definition.closureId());
            assertEquals(table.getInt(record + CODEC_ID_OFFSET), definition.codecId());
            assertArrayEquals(name, definition.name().getBytes(StandardCharsets.UTF_8), definition::toString);
            assertArrayEquals(bytes, definition.bytes(), definition::toString);
            record += ClosureTableDescriptor.recordLength(nameLength, bytesLength);
        }
        final int beyond = count;
        assertTrue(assertThrows(ProtocolException.class, () -> reader.definition(beyond)).getMessage()
            .startsWith("closure " + beyond + " is beyond the published fence"));
        return true;
    }

    @Provide
    Arbitrary<Long> fences()
    {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 8), Arbitraries.longs());
    }

    @Provide
    Arbitrary<Long> publishedLengths()
    {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, CAPACITY + 8), Arbitraries.longs());
    }

    @Provide
    Arbitrary<List<Definition>> definitions()
    {
        return Combinators.combine(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(12),
                Arbitraries.integers().withoutEdgeCases(),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16))
            .as(Definition::new)
            .list().ofMaxSize(6).uniqueElements(Definition::name);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations()
    {
        return Mutation.mutations(4);
    }

    record Definition(String name, int codecId, byte[] bytes)
    {
    }
}

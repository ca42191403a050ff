package org.spm4j.shm.journal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.openhft.chronicle.bytes.Bytes;
import org.spm4j.shm.test.Mutation;

/**
 * Journal records and excerpts for fuzzing: valid records with every field random, their encodings
 * with mutations, and random bytes that mostly start with the schema version.
 */
final class JournalArbitraries
{
    private JournalArbitraries()
    {
    }

    static Arbitrary<ErrorRecord> records()
    {
        final Arbitrary<String> texts = Arbitraries.strings().ofMaxLength(16);
        final Arbitrary<byte[]> blobs = Arbitraries.bytes().array(byte[].class).ofMaxSize(16);
        return Builders.withBuilder(ErrorRecord::builder)
            .use(Arbitraries.of(ErrorKind.class)).in(ErrorRecordBuilder::kind)
            .use(Arbitraries.integers().withoutEdgeCases()).in(ErrorRecordBuilder::attempt)
            .use(Arbitraries.integers().withoutEdgeCases()).in(ErrorRecordBuilder::spokeId)
            .use(Arbitraries.longs().withoutEdgeCases()).in(ErrorRecordBuilder::runId)
            .use(Arbitraries.longs().withoutEdgeCases()).in(ErrorRecordBuilder::taskId)
            .use(Arbitraries.longs().withoutEdgeCases()).in(ErrorRecordBuilder::pid)
            .use(Arbitraries.longs().withoutEdgeCases()).in(ErrorRecordBuilder::timeEpochMs)
            .use(texts).in(ErrorRecordBuilder::poolId)
            .use(texts).in(ErrorRecordBuilder::closureName)
            .use(texts).in(ErrorRecordBuilder::exceptionClass)
            .use(texts.injectNull(0.2)).in(ErrorRecordBuilder::message)
            .use(texts).in(ErrorRecordBuilder::stackTrace)
            .use(blobs).in(ErrorRecordBuilder::exceptionBytes)
            .use(blobs).in(ErrorRecordBuilder::argumentBytes)
            .use(blobs).in(ErrorRecordBuilder::closureBytes)
            .build(ErrorRecordBuilder::build);
    }

    static Arbitrary<byte[]> encodedRecords()
    {
        return records().map(JournalArbitraries::encode);
    }

    static Arbitrary<byte[]> mutatedRecords()
    {
        return Combinators.combine(Mutation.mutations(4), encodedRecords()).as(Mutation::apply);
    }

    /**
     * @return random bytes, four times in five starting with the schema version so decoding goes past it.
     */
    static Arbitrary<byte[]> randomExcerpts()
    {
        return Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(160), Arbitraries.integers().between(0, 4))
            .as((bytes, dice) ->
            {
                if (dice > 0 && bytes.length > 0)
                {
                    bytes[0] = ErrorRecordCodec.SCHEMA_VERSION;
                }
                return bytes;
            });
    }

    static byte[] encode(final ErrorRecord record)
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(256);
        try
        {
            ErrorRecordCodec.encode(record, bytes);
            return bytes.toByteArray();
        }
        finally
        {
            bytes.releaseLast();
        }
    }
}

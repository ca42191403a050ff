package org.spm4j.shm.mailbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.StatisticsReport;
import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.test.Mutation;
import org.spm4j.shm.test.Outcomes;

/**
 * Every message decoder on the receive path, fed random records and valid records with mutations: it
 * decodes them or refuses them with a {@link ProtocolException} that names the message and what is wrong,
 * and reads nothing outside the record (the buffer ends where the record ends; bounds checks are on).
 * 20,000 random and 7 x 6,000 mutated cases per run.
 */
@StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
class MessageDecoderFuzzTest
{
    private static final int MUTATED_TRIES = 6_000;
    private static final double MIN_PERCENT = 5;
    private static final Pattern NAMES_THE_PROBLEM = Pattern.compile(
        "(TASK|STATUS|REQUEST|REPLY|PEER|CONTROL|BATCH) message at offset \\d+ .*|" +
        "(task outcome|control command) code -?\\d+ is unknown|" +
        "the receive path got a UNKNOWN\\(-?\\d+\\) message it does not handle");

    @Property(tries = 20_000)
    void shouldDecodeOrRefuseRandomRecords(
        @ForAll @IntRange(min = -1, max = MessageTypes.BATCH + 1) final int typeId,
        @ForAll @Size(max = 160) final byte[] record,
        @ForAll @IntRange(max = 64) final int offset)
    {
        decodeOrRefuse(typeId, record, offset);
    }

    @Property(tries = MUTATED_TRIES)
    void shouldDecodeOrRefuseMutatedTasks(
        @ForAll("tasks") final byte[] task, @ForAll("mutations") final List<Mutation> mutations)
    {
        Outcomes.collect(decodeOrRefuse(MessageTypes.TASK, Mutation.apply(mutations, task), 0), MIN_PERCENT);
    }

    @Property(tries = MUTATED_TRIES)
    void shouldDecodeOrRefuseMutatedStatuses(
        @ForAll("statuses") final byte[] status, @ForAll("mutations") final List<Mutation> mutations)
    {
        Outcomes.collect(decodeOrRefuse(MessageTypes.STATUS, Mutation.apply(mutations, status), 0), MIN_PERCENT);
    }

    @Property(tries = MUTATED_TRIES)
    void shouldDecodeOrRefuseMutatedRequests(
        @ForAll("requests") final byte[] request, @ForAll("mutations") final List<Mutation> mutations)
    {
        Outcomes.collect(decodeOrRefuse(MessageTypes.REQUEST, Mutation.apply(mutations, request), 0), MIN_PERCENT);
    }

    @Property(tries = MUTATED_TRIES)
    void shouldDecodeOrRefuseMutatedReplies(
        @ForAll("replies") final byte[] reply, @ForAll("mutations") final List<Mutation> mutations)
    {
        Outcomes.collect(decodeOrRefuse(MessageTypes.REPLY, Mutation.apply(mutations, reply), 0), MIN_PERCENT);
    }

    @Property(tries = MUTATED_TRIES)
    void shouldDecodeOrRefuseMutatedPeerMessages(
        @ForAll("peers") final byte[] peer, @ForAll("mutations") final List<Mutation> mutations)
    {
        Outcomes.collect(decodeOrRefuse(MessageTypes.PEER, Mutation.apply(mutations, peer), 0), MIN_PERCENT);
    }

    @Property(tries = MUTATED_TRIES)
    void shouldDecodeOrRefuseMutatedControls(
        @ForAll("controls") final byte[] control, @ForAll("mutations") final List<Mutation> mutations)
    {
        Outcomes.collect(decodeOrRefuse(MessageTypes.CONTROL, Mutation.apply(mutations, control), 0), MIN_PERCENT);
    }

    @Property(tries = MUTATED_TRIES)
    void shouldDecodeOrRefuseMutatedBatches(
        @ForAll("batches") final byte[] batch, @ForAll("mutations") final List<Mutation> mutations)
    {
        Outcomes.collect(decodeOrRefuse(MessageTypes.BATCH, Mutation.apply(mutations, batch), 0), MIN_PERCENT);
    }

    /**
     * @return true if the record decoded, false if it was refused.
     */
    private static boolean decodeOrRefuse(final int typeId, final byte[] record, final int offset)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[offset + record.length]);
        buffer.setMemory(0, offset, (byte)0x5A);
        buffer.putBytes(offset, record);
        final ReceivePath receivePath = new ReceivePath();
        try
        {
            receivePath.onMessage(typeId, buffer, offset, record.length);
        }
        catch (final ProtocolException ex)
        {
            assertTrue(NAMES_THE_PROBLEM.matcher(ex.getMessage()).matches(), ex.getMessage());
            return false;
        }
        assertTrue(receivePath.decoded() <= 1 + record.length / BatchFlyweight.ELEMENT_HEADER_LENGTH,
            () -> receivePath.decoded() + " messages decoded from " + record.length + " bytes");
        return true;
    }

    @Provide
    Arbitrary<List<Mutation>> mutations()
    {
        return Mutation.mutations(4);
    }

    @Provide
    Arbitrary<byte[]> tasks()
    {
        return Combinators.combine(longs(), longs(), longs(), ints(), ints(), ints(), payloads())
            .as((taskId, runId, deadlineMs, closureId, attempt, flags, payload) ->
            {
                final TaskFlyweight task = new TaskFlyweight();
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[task.encodedLength(payload.length)]);
                task.wrapForWrite(buffer, 0, payload.length).taskId(taskId).runId(runId).deadlineMs(deadlineMs)
                    .closureId(closureId).attempt(attempt).flags(flags).putPayload(new UnsafeBuffer(payload), 0,
                    payload.length);
                return buffer.byteArray();
            });
    }

    @Provide
    Arbitrary<byte[]> statuses()
    {
        return Combinators.combine(longs(), longs(), ints(), ints(), Arbitraries.of(TaskOutcome.class), payloads())
            .as((taskId, journalIndex, attempt, spokeId, outcome, payload) ->
            {
                final StatusFlyweight status = new StatusFlyweight();
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[status.encodedLength(payload.length)]);
                status.wrapForWrite(buffer, 0, payload.length).taskId(taskId).journalIndex(journalIndex)
                    .attempt(attempt).spokeId(spokeId).outcome(outcome)
                    .putPayload(new UnsafeBuffer(payload), 0, payload.length);
                return buffer.byteArray();
            });
    }

    @Provide
    Arbitrary<byte[]> requests()
    {
        return Combinators.combine(longs(), longs(), ints(), ints(), payloads())
            .as((correlationId, taskId, attempt, spokeId, payload) ->
            {
                final RequestFlyweight request = new RequestFlyweight();
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[request.encodedLength(payload.length)]);
                request.wrapForWrite(buffer, 0, payload.length).correlationId(correlationId).taskId(taskId)
                    .attempt(attempt).spokeId(spokeId).putPayload(new UnsafeBuffer(payload), 0, payload.length);
                return buffer.byteArray();
            });
    }

    @Provide
    Arbitrary<byte[]> replies()
    {
        return Combinators.combine(longs(), longs(), ints(), payloads())
            .as((correlationId, taskId, attempt, payload) ->
            {
                final ReplyFlyweight reply = new ReplyFlyweight();
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[reply.encodedLength(payload.length)]);
                reply.wrapForWrite(buffer, 0, payload.length).correlationId(correlationId).taskId(taskId)
                    .attempt(attempt).putPayload(new UnsafeBuffer(payload), 0, payload.length);
                return buffer.byteArray();
            });
    }

    @Provide
    Arbitrary<byte[]> peers()
    {
        return Combinators.combine(longs(), ints(), ints(), ints(), payloads())
            .as((generation, from, to, tag, payload) ->
            {
                final PeerFlyweight peer = new PeerFlyweight();
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[peer.encodedLength(payload.length)]);
                peer.wrapForWrite(buffer, 0, payload.length).generation(generation).from(from).to(to).tag(tag)
                    .putPayload(new UnsafeBuffer(payload), 0, payload.length);
                return buffer.byteArray();
            });
    }

    @Provide
    Arbitrary<byte[]> controls()
    {
        return Combinators.combine(Arbitraries.of(ControlCommand.class), longs())
            .as((command, value) ->
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[ControlFlyweight.LENGTH]);
                new ControlFlyweight().wrapForWrite(buffer, 0).command(command).value(value);
                return buffer.byteArray();
            });
    }

    @Provide
    Arbitrary<byte[]> batches()
    {
        final Arbitrary<Element> elements = Arbitraries.oneOf(
            tasks().map(bytes -> new Element(MessageTypes.TASK, bytes)),
            statuses().map(bytes -> new Element(MessageTypes.STATUS, bytes)),
            requests().map(bytes -> new Element(MessageTypes.REQUEST, bytes)),
            replies().map(bytes -> new Element(MessageTypes.REPLY, bytes)),
            peers().map(bytes -> new Element(MessageTypes.PEER, bytes)),
            controls().map(bytes -> new Element(MessageTypes.CONTROL, bytes)));
        return elements.list().ofMaxSize(5).map(MessageDecoderFuzzTest::batch);
    }

    private static byte[] batch(final List<Element> elements)
    {
        int length = BatchFlyweight.HEADER_LENGTH;
        for (final Element element : elements)
        {
            length += BatchFlyweight.elementSpace(element.bytes().length);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[length]);
        final BatchFlyweight batch = new BatchFlyweight().wrapForWrite(buffer, 0, length);
        for (final Element element : elements)
        {
            buffer.putBytes(batch.appendElement(element.typeId(), element.bytes().length), element.bytes());
        }
        return buffer.byteArray();
    }

    private static Arbitrary<Long> longs()
    {
        return Arbitraries.longs().withoutEdgeCases();
    }

    private static Arbitrary<Integer> ints()
    {
        return Arbitraries.integers().withoutEdgeCases();
    }

    private static Arbitrary<byte[]> payloads()
    {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
    }

    private record Element(int typeId, byte[] bytes)
    {
    }
}

package org.spm4j.shm.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.IntStream;

import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.spm4j.shm.ProtocolException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorRecordCodecTest
{
    private static final long INDEX = 0x4A0000002AL;
    private static final int POOL_ID_LENGTH_OFFSET = ErrorRecordCodec.FIXED_LENGTH;

    @Test
    void shouldRoundTripEveryField()
    {
        final RuntimeException failure = TestRecords.failure("Grüße aus 日本 🎉 with a NUL \u0000 inside");
        final ErrorRecord record = ErrorRecord.builder()
            .poolId("pool-ß-1")
            .runId(Long.MAX_VALUE)
            .taskId(Long.MIN_VALUE)
            .attempt(3)
            .closureName("λ-closure")
            .spokeId(-1)
            .pid(4_194_304L)
            .timeEpochMs(1_767_225_600_123L)
            .kind(ErrorKind.DEADLINE_EXCEEDED)
            .exception(failure)
            .exceptionBytes(bytes(10_000, 3))
            .argumentBytes(bytes(257, 11))
            .closureBytes(bytes(99, 5))
            .build();

        final ErrorRecord decoded = roundTrip(record);

        assertEquals(record, decoded);
        assertEquals(record.hashCode(), decoded.hashCode());
        assertEquals(failure.getMessage(), decoded.message());
        assertArrayEquals(bytes(10_000, 3), decoded.exceptionBytes());
        assertArrayEquals(bytes(257, 11), decoded.argumentBytes());
        assertArrayEquals(bytes(99, 5), decoded.closureBytes());
    }

    @Test
    void shouldKeepANullMessageDistinctFromAnEmptyOne()
    {
        final ErrorRecord nullMessage = ErrorRecord.builder().kind(ErrorKind.SPOKE_CRASHED).build();
        final ErrorRecord emptyMessage = ErrorRecord.builder().kind(ErrorKind.SPOKE_CRASHED).message("").build();

        assertNull(roundTrip(nullMessage).message());
        assertEquals("", roundTrip(emptyMessage).message());
        assertNotEquals(nullMessage, emptyMessage);
    }

    @Test
    void shouldRoundTripDefaultsAsEmpty()
    {
        final ErrorRecord decoded = roundTrip(ErrorRecord.builder().kind(ErrorKind.PROTOCOL_VIOLATION).build());

        assertEquals("", decoded.poolId());
        assertEquals("", decoded.closureName());
        assertEquals("", decoded.exceptionClass());
        assertEquals("", decoded.stackTrace());
        assertEquals(0, decoded.exceptionBytes().length);
        assertEquals(0, decoded.argumentBytes().length);
        assertEquals(0, decoded.closureBytes().length);
    }

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void shouldRoundTripEveryKind(final ErrorKind kind)
    {
        assertEquals(kind, roundTrip(ErrorRecord.builder().kind(kind).build()).kind());
    }

    @Test
    void shouldRejectEveryTruncation()
    {
        final byte[] encoded = encode(TestRecords.record(4, 5));

        IntStream.range(0, encoded.length).forEach(length ->
        {
            final byte[] truncated = Arrays.copyOf(encoded, length);
            final ProtocolException ex = assertThrows(ProtocolException.class, () -> decode(truncated),
                "truncated to " + length);
            assertTrue(ex.getMessage().contains("index " + INDEX), ex.getMessage());
        });
    }

    @Test
    void shouldLeaveOutTheReplayBytesOnlyWhenAsked()
    {
        final ErrorRecord record = TestRecords.record(4, 5).toBuilder().closureBytes(bytes(99, 5)).build();
        final Bytes<byte[]> bytes = Bytes.wrapForRead(encode(record));
        try
        {
            final ErrorRecord withoutReplayBytes = ErrorRecordCodec.decodeWithoutReplayBytes(INDEX, bytes);

            assertEquals(record.toBuilder().argumentBytes(new byte[0]).closureBytes(new byte[0]).build(),
                withoutReplayBytes);
        }
        finally
        {
            bytes.releaseLast();
        }
    }

    @Test
    void shouldRejectEveryTruncationAlsoWhenLeavingOutTheReplayBytes()
    {
        final byte[] encoded = encode(TestRecords.record(4, 5).toBuilder().closureBytes(bytes(9, 5)).build());

        IntStream.range(0, encoded.length).forEach(length ->
        {
            final Bytes<byte[]> truncated = Bytes.wrapForRead(Arrays.copyOf(encoded, length));
            try
            {
                assertThrows(ProtocolException.class, () -> ErrorRecordCodec.decodeWithoutReplayBytes(INDEX, truncated),
                    "truncated to " + length);
            }
            finally
            {
                truncated.releaseLast();
            }
        });
    }

    @ParameterizedTest
    @ValueSource(bytes = {0, 2, -1, 127})
    void shouldRejectAnUnknownSchemaVersion(final byte version)
    {
        final byte[] encoded = encode(TestRecords.record(4, 5));
        encoded[0] = version;

        final ProtocolException ex = assertThrows(ProtocolException.class, () -> decode(encoded));

        assertTrue(ex.getMessage().contains("unknown schema version " + version), ex.getMessage());
        assertTrue(ex.getMessage().contains("index " + INDEX), ex.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MAX_VALUE, 1 << 30, 100_000})
    void shouldRejectAnAbsurdLengthWithoutAllocatingIt(final int length)
    {
        final byte[] encoded = encode(TestRecords.record(4, 5));
        putInt(encoded, POOL_ID_LENGTH_OFFSET, length);

        final ProtocolException ex = assertThrows(ProtocolException.class, () -> decode(encoded));

        assertTrue(ex.getMessage().contains("poolId declares " + length + " bytes"), ex.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, -2, Integer.MIN_VALUE})
    void shouldRejectANegativeLength(final int length)
    {
        final byte[] encoded = encode(TestRecords.record(4, 5));
        putInt(encoded, POOL_ID_LENGTH_OFFSET, length);

        final ProtocolException ex = assertThrows(ProtocolException.class, () -> decode(encoded));

        assertTrue(ex.getMessage().contains("negative length " + length + " for field poolId"), ex.getMessage());
    }

    @ParameterizedTest
    @ValueSource(bytes = {0, 9, -1})
    void shouldRejectAnUnknownKindCode(final byte code)
    {
        final byte[] encoded = encode(TestRecords.record(4, 5));
        encoded[1] = code;

        final ProtocolException ex = assertThrows(ProtocolException.class, () -> decode(encoded));

        assertTrue(ex.getMessage().contains("unknown error kind code " + code), ex.getMessage());
    }

    @Test
    void shouldRejectBytesAfterTheLastField()
    {
        final byte[] encoded = encode(TestRecords.record(4, 5));

        final ProtocolException ex = assertThrows(ProtocolException.class,
            () -> decode(Arrays.copyOf(encoded, encoded.length + 3)));

        assertTrue(ex.getMessage().contains("3 bytes after its last field"), ex.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain ASCII", "a replacement character \uFFFD that was there", "\uFFFD", "é"})
    void shouldRoundTripTextWhetherItIsAsciiOrNot(final String text)
    {
        final ErrorRecord record = ErrorRecord.builder().kind(ErrorKind.TASK_FAILED).message(text).stackTrace(text)
            .build();

        assertEquals(record, roundTrip(record));
    }

    @Test
    void shouldRejectInvalidUtf8()
    {
        final byte[] encoded = encode(ErrorRecord.builder().kind(ErrorKind.TASK_FAILED).poolId("abc").build());
        encoded[POOL_ID_LENGTH_OFFSET + Integer.BYTES + 1] = (byte)0xFF;

        final ProtocolException ex = assertThrows(ProtocolException.class, () -> decode(encoded));

        assertTrue(ex.getMessage().contains("invalid UTF-8 in field poolId"), ex.getMessage());
    }

    @Test
    void shouldMeasureTheEncodedLengthExactly()
    {
        final ErrorRecord record = TestRecords.record(4, 5).toBuilder()
            .message("ß日🎉\uD800 unpaired")
            .exceptionBytes(bytes(33, 1))
            .build();

        assertEquals(encode(record).length, ErrorRecordCodec.encodedLength(record));
    }

    @Test
    void shouldLeaveARecordThatFitsAlone()
    {
        final ErrorRecord record = TestRecords.record(4, 5);

        assertSame(record, ErrorRecordCodec.fitTo(record, (int)ErrorRecordCodec.encodedLength(record)));
    }

    @Test
    void shouldDropTheArgumentFirstToFit()
    {
        final ErrorRecord record = TestRecords.record(4, 5).toBuilder()
            .argumentBytes(bytes(100_000, 7))
            .exceptionBytes(bytes(1_000, 3))
            .build();

        final ErrorRecord fitted = ErrorRecordCodec.fitTo(record, 50_000);

        assertEquals(0, fitted.argumentBytes().length);
        assertArrayEquals(record.exceptionBytes(), fitted.exceptionBytes());
        assertEquals(record.message(), fitted.message());
        assertTrue(fitted.stackTrace().startsWith(record.stackTrace()), fitted.stackTrace());
        assertTrue(fitted.stackTrace().endsWith("argument bytes (100000) dropped]"), fitted.stackTrace());
        assertEquals(record.toBuilder().argumentBytes(new byte[0]).stackTrace(fitted.stackTrace()).build(), fitted);
    }

    @Test
    void shouldCutTheTextsLastToFit()
    {
        final ErrorRecord record = TestRecords.record(4, 5).toBuilder()
            .message("日本".repeat(10_000))
            .stackTrace("🎉".repeat(50_000))
            .argumentBytes(bytes(10, 7))
            .exceptionBytes(bytes(10, 3))
            .build();

        final ErrorRecord fitted = ErrorRecordCodec.fitTo(record, 4_000);

        assertTrue(encode(fitted).length <= 4_000);
        assertEquals(0, fitted.argumentBytes().length);
        assertEquals(0, fitted.exceptionBytes().length);
        assertTrue(record.message().startsWith(fitted.message()));
        assertTrue(fitted.stackTrace().startsWith("🎉"), fitted.stackTrace());
        assertTrue(fitted.stackTrace().endsWith("message and stack trace cut to their first characters]"));
        assertEquals(roundTrip(fitted), fitted);
    }

    @Test
    void shouldPrintTheWholeStackTraceWithCausesAndSuppressed()
    {
        final String text = ErrorRecord.stackTraceText(TestRecords.failure("top"));

        assertTrue(text.startsWith("java.lang.IllegalStateException: top"), text);
        assertTrue(text.contains("Caused by: java.lang.ArithmeticException: cause"), text);
        assertTrue(text.contains("Suppressed: java.lang.UnsupportedOperationException: suppressed"), text);
        assertTrue(text.contains("\tat org.spm4j.shm.journal.TestRecords.failure"), text);
    }

    @Test
    void shouldDescribeARecordReadably()
    {
        final String text = TestRecords.record(4, 5).toString();

        assertTrue(text.contains("kind=TASK_FAILED"), text);
        assertTrue(text.contains("message='task 5 of writer 4 failed'"), text);
        assertTrue(text.contains("stackTrace='java.lang.IllegalStateException: template' (+"), text);
        assertTrue(text.contains("argumentBytes=8 bytes"), text);
    }

    private static ErrorRecord roundTrip(final ErrorRecord record)
    {
        return decode(encode(record));
    }

    private static byte[] encode(final ErrorRecord record)
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap();
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

    private static ErrorRecord decode(final byte[] encoded)
    {
        final Bytes<byte[]> bytes = Bytes.wrapForRead(encoded);
        try
        {
            return ErrorRecordCodec.decode(INDEX, bytes);
        }
        finally
        {
            bytes.releaseLast();
        }
    }

    private static byte[] bytes(final int length, final int seed)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * seed);
        }
        return bytes;
    }

    private static void putInt(final byte[] encoded, final int offset, final int value)
    {
        ByteBuffer.wrap(encoded).order(ByteOrder.nativeOrder()).putInt(offset, value);
    }
}

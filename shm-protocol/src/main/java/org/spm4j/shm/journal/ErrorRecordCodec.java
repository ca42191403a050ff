package org.spm4j.shm.journal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesOut;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.spm4j.shm.ProtocolException;

/**
 * The journal's record schema: how an {@link ErrorRecord} is laid out in one Chronicle Queue excerpt.
 * Values are in the machine's native byte order, as Chronicle writes them; the journal never leaves
 * the machine.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Schema version|  Kind code    |          Attempt              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   ...Attempt                  |          Spoke id             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   ...Spoke id                 |  Run id, task id, pid, time   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+   (4 x 64 bits)               |
 *  |                              ...                              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Variable fields, each a 32-bit length then that many bytes:  |
 *  |  pool id, closure name, exception class, message (length -1   |
 *  |  when null), stack trace (all UTF-8), exception bytes,        |
 *  |  argument bytes, closure bytes                                |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * A new layout takes a new {@link #SCHEMA_VERSION}; a reader rejects versions it does not know.
 * Text is UTF-8 as {@link String#getBytes} makes it, so an unpaired surrogate comes back as {@code '?'}.
 * <p>
 * Decoding checks every length against the bytes that remain before it allocates, so a corrupt
 * excerpt costs at most its own size; any problem is a {@link ProtocolException} naming the journal
 * index, the field and what was wrong. Stateless and thread-safe.
 */
public final class ErrorRecordCodec
{
    /** Layout version written as the first byte of every record. */
    public static final byte SCHEMA_VERSION = 1;

    /** Length of everything before the variable fields. */
    public static final int FIXED_LENGTH = 2 * Byte.BYTES + 2 * Integer.BYTES + 4 * Long.BYTES;

    /** Length written for a {@code null} message. */
    static final int NULL_LENGTH = -1;

    private static final int FIT_NOTE_RESERVE = 256;
    private static final int MAX_UTF8_BYTES_PER_CHAR = 3;

    static
    {
        ChronicleQuiet.ensure();
    }

    private ErrorRecordCodec()
    {
    }

    /**
     * Write {@code record} at {@code out}'s write position.
     *
     * @param record what to write.
     * @param out    where to write it; must be able to grow or have room.
     */
    public static void encode(final ErrorRecord record, final BytesOut<?> out)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer((int)Math.min(encodedLength(record), 1 << 16));
        out.write(buffer.byteArray(), 0, encode(record, buffer, 0));
    }

    /**
     * Write {@code record} into {@code buffer}: an array-backed buffer takes it with plain stores, which is
     * cheaper than Chronicle's checked writes, and then goes into an excerpt with one copy.
     *
     * @param record what to write.
     * @param buffer where to write it; grows as needed.
     * @param offset where in {@code buffer} to start.
     * @return how many bytes were written: {@link #encodedLength}.
     */
    public static int encode(final ErrorRecord record, final MutableDirectBuffer buffer, final int offset)
    {
        int at = offset;
        buffer.putByte(at, SCHEMA_VERSION);
        buffer.putByte(at + 1, (byte)record.kind().code());
        at += 2 * Byte.BYTES;
        buffer.putInt(at, record.attempt());
        buffer.putInt(at + Integer.BYTES, record.spokeId());
        at += 2 * Integer.BYTES;
        buffer.putLong(at, record.runId());
        buffer.putLong(at + Long.BYTES, record.taskId());
        buffer.putLong(at + 2 * Long.BYTES, record.pid());
        buffer.putLong(at + 3 * Long.BYTES, record.timeEpochMs());
        at += 4 * Long.BYTES;
        at = putText(buffer, at, record.poolId());
        at = putText(buffer, at, record.closureName());
        at = putText(buffer, at, record.exceptionClass());
        at = putText(buffer, at, record.message());
        at = putText(buffer, at, record.stackTrace());
        at = putBlob(buffer, at, record.exceptionBytesNoCopy());
        at = putBlob(buffer, at, record.argumentBytesNoCopy());
        at = putBlob(buffer, at, record.closureBytesNoCopy());
        return at - offset;
    }

    /**
     * @param record a record.
     * @return how many bytes {@link #encode} writes for it.
     */
    public static long encodedLength(final ErrorRecord record)
    {
        return FIXED_LENGTH + 8L * Integer.BYTES +
            utf8Length(record.poolId()) +
            utf8Length(record.closureName()) +
            utf8Length(record.exceptionClass()) +
            utf8Length(record.message()) +
            utf8Length(record.stackTrace()) +
            record.exceptionBytesNoCopy().length +
            record.argumentBytesNoCopy().length +
            record.closureBytesNoCopy().length;
    }

    /**
     * Make {@code record} fit in {@code maxLength} encoded bytes so that a failure is recorded even
     * when its payload is too big for the journal. In order, until it fits: the argument and closure
     * bytes (what a replay needs) are dropped, then the exception bytes, then the message and stack
     * trace are cut short. What was
     * left out is noted at the end of the stack trace.
     *
     * @param record    the record to fit.
     * @param maxLength the most bytes its encoding may take.
     * @return {@code record} itself when it fits already, else a cut-down copy.
     * @throws IllegalArgumentException if even the cut-down record does not fit.
     */
    public static ErrorRecord fitTo(final ErrorRecord record, final int maxLength)
    {
        long length = encodedLength(record);
        if (length <= maxLength)
        {
            return record;
        }
        final ErrorRecordBuilder builder = record.toBuilder();
        final StringBuilder note = new StringBuilder("\n[record cut to fit the error journal's ")
            .append(maxLength).append(" bytes:");
        final int argumentLength = record.argumentBytesNoCopy().length;
        if (argumentLength > 0)
        {
            builder.adoptArgumentBytes(new byte[0]);
            length -= argumentLength;
            note.append(" argument bytes (").append(argumentLength).append(") dropped;");
        }
        final int closureLength = record.closureBytesNoCopy().length;
        if (closureLength > 0)
        {
            builder.adoptClosureBytes(new byte[0]);
            length -= closureLength;
            note.append(" closure bytes (").append(closureLength).append(") dropped;");
        }
        final int exceptionLength = record.exceptionBytesNoCopy().length;
        if (length + FIT_NOTE_RESERVE > maxLength && exceptionLength > 0)
        {
            builder.adoptExceptionBytes(new byte[0]);
            length -= exceptionLength;
            note.append(" exception bytes (").append(exceptionLength).append(") dropped;");
        }
        String stackTrace = record.stackTrace();
        if (length + FIT_NOTE_RESERVE > maxLength)
        {
            final long textLength = utf8Length(record.message()) + utf8Length(stackTrace);
            final long textBudget = maxLength - FIT_NOTE_RESERVE - (length - textLength);
            if (textBudget < 0)
            {
                throw new IllegalArgumentException("error record cannot fit in " + maxLength + " bytes: " + record);
            }
            final int charBudget = (int)(textBudget / MAX_UTF8_BYTES_PER_CHAR);
            final String message = cut(record.message(), charBudget / 2);
            builder.message(message);
            stackTrace = cut(stackTrace, charBudget - (message == null ? 0 : message.length()));
            note.append(" message and stack trace cut to their first characters;");
        }
        note.setLength(note.length() - 1);
        final ErrorRecord fitted = builder.stackTrace(stackTrace + note.append(']')).build();
        if (encodedLength(fitted) > maxLength)
        {
            throw new IllegalArgumentException("error record cannot fit in " + maxLength + " bytes: " + record);
        }
        return fitted;
    }

    /**
     * Read one record that fills {@code in} from its read position to its read limit.
     *
     * @param index the record's journal index, for error messages.
     * @param in    the record's bytes.
     * @return the record.
     * @throws ProtocolException if the bytes are not exactly one well-formed record of a known version.
     */
    public static ErrorRecord decode(final long index, final BytesIn<?> in)
    {
        return decode(index, in, true);
    }

    /**
     * Read one record as {@link #decode(long, BytesIn)} does, but leave out its argument and closure bytes, which
     * only a replay needs: the record has none, so reading it costs no copy of them. They are checked all the same.
     *
     * @param index the record's journal index, for error messages.
     * @param in    the record's bytes.
     * @return the record, without argument and closure bytes.
     * @throws ProtocolException if the bytes are not exactly one well-formed record of a known version.
     */
    public static ErrorRecord decodeWithoutReplayBytes(final long index, final BytesIn<?> in)
    {
        return decode(index, in, false);
    }

    private static ErrorRecord decode(final long index, final BytesIn<?> in, final boolean replayBytes)
    {
        try
        {
            return decodeChecked(index, in, replayBytes);
        }
        catch (final ProtocolException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw malformed(index, "could not be read: " + ex, ex);
        }
    }

    private static ErrorRecord decodeChecked(final long index, final BytesIn<?> in, final boolean replayBytes)
    {
        if (in.readRemaining() < 1)
        {
            throw malformed(index, "is empty", null);
        }
        final byte version = in.readByte();
        if (version != SCHEMA_VERSION)
        {
            throw malformed(index, "has unknown schema version " + version + " (this reader knows " +
                SCHEMA_VERSION + ")", null);
        }
        if (in.readRemaining() < FIXED_LENGTH - 1)
        {
            throw malformed(index, "is truncated: " + (in.readRemaining() + 1) + " bytes, fixed part needs " +
                FIXED_LENGTH, null);
        }
        final int kindCode = in.readByte();
        final ErrorKind kind = kindOf(index, kindCode);
        final ErrorRecordBuilder builder = ErrorRecord.builder()
            .kind(kind)
            .attempt(in.readInt())
            .spokeId(in.readInt())
            .runId(in.readLong())
            .taskId(in.readLong())
            .pid(in.readLong())
            .timeEpochMs(in.readLong())
            .poolId(readText(index, in, "poolId", false))
            .closureName(readText(index, in, "closureName", false))
            .exceptionClass(readText(index, in, "exceptionClass", false))
            .message(readText(index, in, "message", true))
            .stackTrace(readText(index, in, "stackTrace", false))
            .adoptExceptionBytes(readBlob(index, in, "exceptionBytes"));
        if (replayBytes)
        {
            builder.adoptArgumentBytes(readBlob(index, in, "argumentBytes"))
                .adoptClosureBytes(readBlob(index, in, "closureBytes"));
        }
        else
        {
            skipBlob(index, in, "argumentBytes");
            skipBlob(index, in, "closureBytes");
        }
        if (in.readRemaining() != 0)
        {
            throw malformed(index, "has " + in.readRemaining() + " bytes after its last field", null);
        }
        return builder.build();
    }

    private static ErrorKind kindOf(final long index, final int kindCode)
    {
        try
        {
            return ErrorKind.fromCode(kindCode);
        }
        catch (final ProtocolException ex)
        {
            throw malformed(index, "has unknown error kind code " + kindCode, ex);
        }
    }

    private static int putText(final MutableDirectBuffer buffer, final int at, final String text)
    {
        if (text == null)
        {
            buffer.putInt(at, NULL_LENGTH);
            return at + Integer.BYTES;
        }
        return putBlob(buffer, at, text.getBytes(StandardCharsets.UTF_8));
    }

    private static int putBlob(final MutableDirectBuffer buffer, final int at, final byte[] blob)
    {
        buffer.putInt(at, blob.length);
        buffer.putBytes(at + Integer.BYTES, blob);
        return at + Integer.BYTES + blob.length;
    }

    private static String readText(final long index, final BytesIn<?> in, final String field, final boolean nullable)
    {
        final int length = readLength(index, in, field, nullable);
        if (length == NULL_LENGTH)
        {
            return null;
        }
        final byte[] utf8 = readBytes(in, length);
        final String lenient = new String(utf8, StandardCharsets.UTF_8);
        if (lenient.length() == utf8.length && lenient.indexOf('\uFFFD') < 0)
        {
            // nothing but ASCII, as a stack trace nearly always is: the JDK's own fast path, no decoder
            return lenient;
        }
        try
        {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString();
        }
        catch (final CharacterCodingException ex)
        {
            throw malformed(index, "has invalid UTF-8 in field " + field, ex);
        }
    }

    private static byte[] readBlob(final long index, final BytesIn<?> in, final String field)
    {
        return readBytes(in, readLength(index, in, field, false));
    }

    private static void skipBlob(final long index, final BytesIn<?> in, final String field)
    {
        in.readSkip(readLength(index, in, field, false));
    }

    private static int readLength(final long index, final BytesIn<?> in, final String field, final boolean nullable)
    {
        if (in.readRemaining() < Integer.BYTES)
        {
            throw malformed(index, "is truncated before the length of field " + field, null);
        }
        final int length = in.readInt();
        if (length == NULL_LENGTH && nullable)
        {
            return NULL_LENGTH;
        }
        if (length < 0)
        {
            throw malformed(index, "has negative length " + length + " for field " + field, null);
        }
        if (length > in.readRemaining())
        {
            throw malformed(index, "is truncated: field " + field + " declares " + length + " bytes but " +
                in.readRemaining() + " remain", null);
        }
        return length;
    }

    private static byte[] readBytes(final BytesIn<?> in, final int length)
    {
        final byte[] bytes = new byte[length];
        int done = 0;
        while (done < length)
        {
            final int read = in.read(bytes, done, length - done);
            if (read <= 0)
            {
                throw new IllegalStateException("no progress reading " + length + " bytes at " + done);
            }
            done += read;
        }
        return bytes;
    }

    private static long utf8Length(final String text)
    {
        if (text == null)
        {
            return 0;
        }
        long length = 0;
        for (int i = 0, size = text.length(); i < size; i++)
        {
            final char c = text.charAt(i);
            if (c < 0x80)
            {
                length += 1;
            }
            else if (c < 0x800)
            {
                length += 2;
            }
            else if (Character.isHighSurrogate(c) && i + 1 < size && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                length += 4;
                i++;
            }
            else if (Character.isSurrogate(c))
            {
                length += 1;
            }
            else
            {
                length += 3;
            }
        }
        return length;
    }

    private static String cut(final String text, final int maxChars)
    {
        if (text == null || text.length() <= maxChars)
        {
            return text;
        }
        final int end = maxChars > 0 && Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return text.substring(0, Math.max(0, end));
    }

    private static ProtocolException malformed(final long index, final String problem, final Throwable cause)
    {
        return new ProtocolException("error journal record at index " + index + " (0x" + Long.toHexString(index) +
            ") " + problem, cause);
    }
}

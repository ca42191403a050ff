package org.spm4j.shm.closure;

import static org.spm4j.shm.closure.ClosureTableDescriptor.BYTES_LENGTH_OFFSET;
import static org.spm4j.shm.closure.ClosureTableDescriptor.CLOSURE_ID_OFFSET;
import static org.spm4j.shm.closure.ClosureTableDescriptor.CODEC_ID_OFFSET;
import static org.spm4j.shm.closure.ClosureTableDescriptor.HEADER_LENGTH;
import static org.spm4j.shm.closure.ClosureTableDescriptor.MAX_NAME_LENGTH;
import static org.spm4j.shm.closure.ClosureTableDescriptor.NAME_LENGTH_OFFSET;
import static org.spm4j.shm.closure.ClosureTableDescriptor.PUBLISHED_FENCE_OFFSET;
import static org.spm4j.shm.closure.ClosureTableDescriptor.PUBLISHED_LENGTH_OFFSET;
import static org.spm4j.shm.closure.ClosureTableDescriptor.RECORD_HEADER_LENGTH;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;

/**
 * The hub's side of the closure table, see {@link ClosureTableDescriptor}: appends definitions, which
 * stay invisible to readers until {@link #publish()} advances the fence. Single writer: one thread of
 * the hub, on a table no one else writes.
 */
public final class ClosureTableWriter
{
    private final AtomicBuffer table;
    private final Map<String, Integer> idByName = new HashMap<>();
    private int appendedCount;
    private int appendedLength = HEADER_LENGTH;

    /**
     * @param table a zeroed closure table section.
     */
    public ClosureTableWriter(final AtomicBuffer table)
    {
        this.table = table;
    }

    /**
     * Append a definition; readers see it after the next {@link #publish()}.
     *
     * @param name    unique name.
     * @param codecId codec the bytes were written with.
     * @param bytes   the serialized closure.
     * @param offset  where they start.
     * @param length  how many.
     * @return the new closure's id.
     * @throws IllegalArgumentException   if the name is empty, too long or already defined.
     * @throws ClosureTableFullException if the table has no room for it.
     */
    public int append(
        final String name, final int codecId, final DirectBuffer bytes, final int offset, final int length)
    {
        final byte[] nameBytes = checkedName(name);
        final int recordLength = ClosureTableDescriptor.recordLength(nameBytes.length, length);
        if ((long)appendedLength + recordLength > table.capacity())
        {
            throw new ClosureTableFullException(name, recordLength, appendedLength, table.capacity());
        }

        final int closureId = appendedCount;
        final int record = appendedLength;
        table.putInt(record + CLOSURE_ID_OFFSET, closureId);
        table.putInt(record + CODEC_ID_OFFSET, codecId);
        table.putInt(record + NAME_LENGTH_OFFSET, nameBytes.length);
        table.putInt(record + BYTES_LENGTH_OFFSET, length);
        table.putBytes(record + RECORD_HEADER_LENGTH, nameBytes);
        table.putBytes(record + RECORD_HEADER_LENGTH + nameBytes.length, bytes, offset, length);

        idByName.put(name, closureId);
        appendedCount++;
        appendedLength += recordLength;
        return closureId;
    }

    /**
     * A parallel sequence point: make every appended definition visible to readers (release).
     *
     * @return the new fence, the number of definitions published.
     */
    public int publish()
    {
        table.putLongRelease(PUBLISHED_LENGTH_OFFSET, appendedLength);
        table.putLongRelease(PUBLISHED_FENCE_OFFSET, appendedCount);
        return appendedCount;
    }

    /**
     * @return definitions appended, published or not.
     */
    public int appendedCount()
    {
        return appendedCount;
    }

    /**
     * @param name a closure name.
     * @return its id, or -1 if no closure has that name.
     */
    public int closureId(final String name)
    {
        return idByName.getOrDefault(name, -1);
    }

    /**
     * @return bytes of the table still free.
     */
    public long remainingBytes()
    {
        return table.capacity() - appendedLength;
    }

    private byte[] checkedName(final String name)
    {
        if (null == name || name.isEmpty())
        {
            throw new IllegalArgumentException("closure name must not be empty");
        }
        final byte[] nameBytes = utf8(name);
        if (nameBytes.length > MAX_NAME_LENGTH)
        {
            throw new IllegalArgumentException("closure name of " + nameBytes.length + " UTF-8 bytes exceeds " +
                MAX_NAME_LENGTH + ": '" + name.substring(0, 40) + "...'");
        }
        final Integer existing = idByName.get(name);
        if (null != existing)
        {
            throw new IllegalArgumentException("closure name '" + name + "' is already defined as closure " + existing);
        }
        return nameBytes;
    }

    /**
     * {@link String#getBytes} would write '?' for an unpaired surrogate, and two names that differ only
     * there would be one name in the table.
     */
    private static byte[] utf8(final String name)
    {
        try
        {
            final ByteBuffer utf8 = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(name));
            final byte[] bytes = new byte[utf8.remaining()];
            utf8.get(bytes);
            return bytes;
        }
        catch (final CharacterCodingException ex)
        {
            throw new IllegalArgumentException(
                "closure name '" + name + "' is not valid Unicode: it has an unpaired surrogate", ex);
        }
    }
}

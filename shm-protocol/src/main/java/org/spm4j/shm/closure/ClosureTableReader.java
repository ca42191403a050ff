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
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.AtomicBuffer;
import org.spm4j.shm.ProtocolException;

/**
 * A reader's side of the closure table, see {@link ClosureTableDescriptor}: loads definitions below the
 * published fence (acquire) and caches them. A definition beyond the fence is never read. Not
 * thread-safe: one reader per thread.
 */
public final class ClosureTableReader
{
    private final AtomicBuffer table;
    private final List<ClosureDefinition> loaded = new ArrayList<>();
    private int nextRecordOffset = HEADER_LENGTH;

    /**
     * @param table the closure table section of a pool file.
     */
    public ClosureTableReader(final AtomicBuffer table)
    {
        this.table = table;
    }

    /**
     * @return the published fence, the number of definitions readers may load; acquire load.
     */
    public int publishedFenceVolatile()
    {
        return (int)table.getLongVolatile(PUBLISHED_FENCE_OFFSET);
    }

    /**
     * Load every definition below the current fence.
     *
     * @return the number of definitions now cached.
     * @throws ProtocolException if the table is corrupt.
     */
    public int refresh()
    {
        final long fence = table.getLongVolatile(PUBLISHED_FENCE_OFFSET);
        if (0 == fence)
        {
            return 0;
        }
        final long publishedLength = table.getLongVolatile(PUBLISHED_LENGTH_OFFSET);
        if (fence < 0 || fence > Integer.MAX_VALUE || publishedLength < HEADER_LENGTH ||
            publishedLength > table.capacity())
        {
            throw new ProtocolException("closure table header is corrupt: fence " + fence + ", published length " +
                publishedLength + ", capacity " + table.capacity());
        }
        while (loaded.size() < fence)
        {
            loadNext(publishedLength);
        }
        return loaded.size();
    }

    /**
     * @param closureId a closure id from a task.
     * @return its definition, loading up to the current fence if it is not cached yet.
     * @throws ProtocolException if the id is at or beyond the published fence, or the table is corrupt.
     */
    public ClosureDefinition definition(final int closureId)
    {
        if (closureId >= 0 && closureId < loaded.size())
        {
            return loaded.get(closureId);
        }
        final int available = refresh();
        if (closureId < 0 || closureId >= available)
        {
            throw new ProtocolException("closure " + closureId + " is beyond the published fence " + available +
                " of the closure table");
        }
        return loaded.get(closureId);
    }

    /**
     * @return definitions cached so far.
     */
    public int cachedCount()
    {
        return loaded.size();
    }

    private void loadNext(final long publishedLength)
    {
        final int record = nextRecordOffset;
        final int expectedId = loaded.size();
        if (record + RECORD_HEADER_LENGTH > publishedLength)
        {
            throw corrupt(expectedId, record, "starts past the published length " + publishedLength);
        }
        final int closureId = table.getInt(record + CLOSURE_ID_OFFSET);
        final int nameLength = table.getInt(record + NAME_LENGTH_OFFSET);
        final int bytesLength = table.getInt(record + BYTES_LENGTH_OFFSET);
        if (closureId != expectedId)
        {
            throw corrupt(expectedId, record, "holds closure id " + closureId);
        }
        if (nameLength < 1 || nameLength > MAX_NAME_LENGTH || bytesLength < 0 ||
            (long)record + RECORD_HEADER_LENGTH + nameLength + bytesLength > publishedLength)
        {
            throw corrupt(expectedId, record, "has name length " + nameLength + " and bytes length " + bytesLength +
                ", beyond the published length " + publishedLength);
        }

        final String name = name(expectedId, record, nameLength);
        final byte[] bytes = new byte[bytesLength];
        table.getBytes(record + RECORD_HEADER_LENGTH + nameLength, bytes);
        loaded.add(new ClosureDefinition(closureId, name, table.getInt(record + CODEC_ID_OFFSET), bytes));
        nextRecordOffset = record + ClosureTableDescriptor.recordLength(nameLength, bytesLength);
    }

    private String name(final int closureId, final int record, final int nameLength)
    {
        final byte[] utf8 = new byte[nameLength];
        table.getBytes(record + RECORD_HEADER_LENGTH, utf8);
        try
        {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString();
        }
        catch (final CharacterCodingException ex)
        {
            throw corrupt(closureId, record, "has a name of " + nameLength + " bytes that is not valid UTF-8");
        }
    }

    private static ProtocolException corrupt(final int closureId, final int offset, final String problem)
    {
        return new ProtocolException("closure table record " + closureId + " at offset " + offset + " " + problem);
    }
}

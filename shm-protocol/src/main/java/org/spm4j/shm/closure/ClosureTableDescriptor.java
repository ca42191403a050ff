package org.spm4j.shm.closure;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.agrona.BitUtil.align;

/**
 * Layout of the closure table: an append-only log of closure definitions with a fence. Only the hub
 * appends; the fence (the number of definitions published) advances with a release store at parallel
 * sequence points, and readers load definitions below it after an acquire load.
 * <pre>
 *  Header
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                       Published Fence                         |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Published Log Length (bytes)                 |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                    Reserved to HEADER_LENGTH                 ...
 *  +---------------------------------------------------------------+
 *
 *  Log: records back to back from HEADER_LENGTH, each aligned to RECORD_ALIGNMENT
 *  +-------------------------------+-------------------------------+
 *  |          Closure Id           |           Codec Id            |  0
 *  +-------------------------------+-------------------------------+
 *  |          Name Length          |         Bytes Length          |  8
 *  +-------------------------------+-------------------------------+
 *  |                      Name (UTF-8)                            ...
 *  +---------------------------------------------------------------+
 *  |                    Closure bytes, padding                    ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Closure ids are the sequence numbers of the definitions: 0, 1, 2, ... The published log length is
 * stored before the fence, so a reader that sees a fence sees a length covering it.
 */
public final class ClosureTableDescriptor
{
    /** Offset of the published fence. */
    public static final int PUBLISHED_FENCE_OFFSET = 0;
    /** Offset of the published log length. */
    public static final int PUBLISHED_LENGTH_OFFSET = PUBLISHED_FENCE_OFFSET + SIZE_OF_LONG;
    /** Length of the header; the log starts here. */
    public static final int HEADER_LENGTH = 128;

    /** Offset of the closure id in a record. */
    public static final int CLOSURE_ID_OFFSET = 0;
    /** Offset of the codec id in a record. */
    public static final int CODEC_ID_OFFSET = CLOSURE_ID_OFFSET + SIZE_OF_INT;
    /** Offset of the name length in a record. */
    public static final int NAME_LENGTH_OFFSET = CODEC_ID_OFFSET + SIZE_OF_INT;
    /** Offset of the closure bytes length in a record. */
    public static final int BYTES_LENGTH_OFFSET = NAME_LENGTH_OFFSET + SIZE_OF_INT;
    /** Length of a record's fixed fields; the name follows. */
    public static final int RECORD_HEADER_LENGTH = BYTES_LENGTH_OFFSET + SIZE_OF_INT;
    /** Alignment of each record. */
    public static final int RECORD_ALIGNMENT = SIZE_OF_LONG;

    /** Longest closure name, in UTF-8 bytes. */
    public static final int MAX_NAME_LENGTH = 1024;
    /** Smallest closure table. */
    public static final int MIN_LENGTH = 4096;

    private ClosureTableDescriptor()
    {
    }

    /**
     * @param nameLength  name length in UTF-8 bytes.
     * @param bytesLength closure bytes length.
     * @return the aligned length of the record.
     */
    public static int recordLength(final int nameLength, final int bytesLength)
    {
        return align(RECORD_HEADER_LENGTH + nameLength + bytesLength, RECORD_ALIGNMENT);
    }
}

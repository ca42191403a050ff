package org.spm4j.shm.closure;

/**
 * One entry of the closure table: a uniquely named closure and its serialized form. Immutable.
 */
public final class ClosureDefinition
{
    private final int closureId;
    private final String name;
    private final int codecId;
    private final byte[] bytes;

    /**
     * @param closureId the closure's sequence number in the table.
     * @param name      its unique name.
     * @param codecId   the codec its bytes were written with.
     * @param bytes     the serialized closure; kept, not copied.
     */
    public ClosureDefinition(final int closureId, final String name, final int codecId, final byte[] bytes)
    {
        this.closureId = closureId;
        this.name = name;
        this.codecId = codecId;
        this.bytes = bytes;
    }

    /**
     * @return the closure's sequence number in the table.
     */
    public int closureId()
    {
        return closureId;
    }

    /**
     * @return its unique name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the codec its bytes were written with.
     */
    public int codecId()
    {
        return codecId;
    }

    /**
     * @return a copy of the serialized closure.
     */
    public byte[] bytes()
    {
        return bytes.clone();
    }

    /**
     * @return length of the serialized closure.
     */
    public int bytesLength()
    {
        return bytes.length;
    }

    @Override
    public String toString()
    {
        return "closure " + closureId + " '" + name + "' (codec " + codecId + ", " + bytes.length + " bytes)";
    }
}

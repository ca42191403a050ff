package org.spm4j;

/**
 * Which NUMA nodes hold the pages of a shared array. Placing needs {@code numactl} and {@code fallocate} on the
 * PATH; the pages are placed when the array is made and stay there.
 */
public final class MemoryPlacement
{
    /** Where the operating system puts them: the node of the hub thread that first writes them. */
    public static final MemoryPlacement DEFAULT = new MemoryPlacement(Kind.DEFAULT, -1);
    private static final MemoryPlacement INTERLEAVED = new MemoryPlacement(Kind.INTERLEAVED, -1);

    private final Kind kind;
    private final int node;

    private MemoryPlacement(final Kind kind, final int node)
    {
        this.kind = kind;
        this.node = node;
    }

    /**
     * @param node a NUMA node of this machine, from 0.
     * @return every page on that node: for an array read mostly by spokes bound to it.
     */
    public static MemoryPlacement node(final int node)
    {
        if (node < 0)
        {
            throw new IllegalArgumentException("a NUMA node is 0 or more, got " + node);
        }
        return new MemoryPlacement(Kind.NODE, node);
    }

    /**
     * @return pages spread round robin over every node: for an array every spoke reads.
     */
    public static MemoryPlacement interleaved()
    {
        return INTERLEAVED;
    }

    /**
     * @return true for {@link #DEFAULT}.
     */
    public boolean isDefault()
    {
        return Kind.DEFAULT == kind;
    }

    /**
     * @return true for {@link #interleaved()}.
     */
    public boolean isInterleaved()
    {
        return Kind.INTERLEAVED == kind;
    }

    /**
     * @return the node of {@link #node(int)}, else -1.
     */
    public int node()
    {
        return node;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof MemoryPlacement that && kind == that.kind && node == that.node;
    }

    @Override
    public int hashCode()
    {
        return 31 * kind.hashCode() + node;
    }

    @Override
    public String toString()
    {
        return switch (kind)
        {
            case DEFAULT -> "default placement";
            case INTERLEAVED -> "interleaved over every NUMA node";
            case NODE -> "NUMA node " + node;
        };
    }

    private enum Kind
    {
        DEFAULT, INTERLEAVED, NODE
    }
}

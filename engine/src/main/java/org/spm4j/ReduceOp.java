package org.spm4j;

/**
 * How {@link Crew#reduce} and {@link Crew#allReduce} combine arrays element by element. Ranks are
 * always combined in rank order, so a floating-point reduction gives the same bits serially and in
 * parallel.
 */
public enum ReduceOp
{
    /** Sum. */
    SUM,
    /** Minimum. */
    MIN,
    /** Maximum. */
    MAX;

    double apply(final double a, final double b)
    {
        return switch (this)
        {
            case SUM -> a + b;
            case MIN -> Math.min(a, b);
            case MAX -> Math.max(a, b);
        };
    }

    long apply(final long a, final long b)
    {
        return switch (this)
        {
            case SUM -> a + b;
            case MIN -> Math.min(a, b);
            case MAX -> Math.max(a, b);
        };
    }
}

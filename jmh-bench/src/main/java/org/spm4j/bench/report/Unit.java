package org.spm4j.bench.report;

import java.util.Locale;

/**
 * How a figure is printed: times come in nanoseconds, rates in operations per second, memory in bytes.
 */
public enum Unit
{
    /** A duration in nanoseconds, printed in ns, us, ms or s. */
    NANOS
    {
        @Override
        String format(final double value)
        {
            if (value < 1e3)
            {
                return number(value) + " ns";
            }
            if (value < 1e6)
            {
                return number(value / 1e3) + " us";
            }
            return value < 1e9 ? number(value / 1e6) + " ms" : number(value / 1e9) + " s";
        }
    },
    /** Operations per second, printed per second with k or M. */
    RATE
    {
        @Override
        String format(final double value)
        {
            if (value < 1e3)
            {
                return number(value) + " /s";
            }
            return value < 1e6 ? number(value / 1e3) + " k/s" : number(value / 1e6) + " M/s";
        }
    },
    /** Bytes, printed in MB (2^20). */
    BYTES
    {
        @Override
        String format(final double value)
        {
            return number(value / (1 << 20)) + " MB";
        }
    },
    /** A ratio, printed as a multiple. */
    TIMES
    {
        @Override
        String format(final double value)
        {
            return times(value);
        }
    };

    abstract String format(double value);

    /**
     * @param ratio a ratio.
     * @return it as {@code 1.91x}, with fewer decimals the larger it is.
     */
    static String times(final double ratio)
    {
        return number(ratio) + "x";
    }

    /**
     * Three significant digits at most, no more than two decimals.
     */
    static String number(final double value)
    {
        final double magnitude = Math.abs(value);
        final String pattern = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, value);
    }
}

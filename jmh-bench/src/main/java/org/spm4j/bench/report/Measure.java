package org.spm4j.bench.report;

import java.util.Map;

/**
 * A figure read from one round's measurements: a measurement by name, or the quotient of two, such as a
 * serial time over a parallel time for a speed-up.
 */
@FunctionalInterface
public interface Measure
{
    /**
     * @param round one round's measurements by name.
     * @return the figure, or null where a measurement is missing from the round.
     */
    Double in(Map<String, Double> round);

    /**
     * @param name a measurement's name.
     * @return that measurement.
     */
    static Measure named(final String name)
    {
        return round -> round.get(name);
    }

    /**
     * @param dividend a measurement's name.
     * @param divisor  another's.
     * @return the one over the other, from the same round.
     */
    static Measure quotient(final String dividend, final String divisor)
    {
        return round ->
        {
            final Double top = round.get(dividend);
            final Double bottom = round.get(divisor);
            return null == top || null == bottom ? null : top / bottom;
        };
    }
}

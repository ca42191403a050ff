package org.spm4j.shm.test;

import net.jqwik.api.statistics.Statistics;

/**
 * Counts the cases of a property a decoder accepted and those it refused, and fails the property when
 * either is rarer than a minimum share: a fuzzer whose every case is refused at the first check, say
 * because a file had the wrong permissions, proves nothing.
 */
public final class Outcomes
{
    private static final String LABEL = "outcome";
    private static final String ACCEPTED = "accepted";
    private static final String REFUSED = "refused";

    private Outcomes()
    {
    }

    /**
     * @param accepted   whether the decoder accepted this case.
     * @param minPercent the least share, in percent, of accepted cases and of refused ones.
     */
    public static void collect(final boolean accepted, final double minPercent)
    {
        Statistics.label(LABEL).collect(accepted ? ACCEPTED : REFUSED);
        Statistics.label(LABEL).coverage(coverage ->
        {
            coverage.check(ACCEPTED).percentage(share -> share >= minPercent);
            coverage.check(REFUSED).percentage(share -> share >= minPercent);
        });
    }
}

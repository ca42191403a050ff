package org.spm4j.bench.report;

/**
 * A target of DESIGN.md section 9: a bound on spm4j's figure itself, or on its ratio to a peer's figure of
 * the same run.
 *
 * @param text      how the table shows it, e.g. {@code <= 2x}.
 * @param onRatio   true if it bounds spm4j's figure over the peer's, false if spm4j's figure itself.
 * @param bound     the bound.
 * @param atMost    true for an upper bound, false for a lower one.
 * @param inclusive true if the bound itself meets the target.
 */
public record Target(String text, boolean onRatio, double bound, boolean atMost, boolean inclusive)
{
    /**
     * @param bound largest ratio that meets the target.
     * @return spm4j's figure at most {@code bound} times the peer's.
     */
    public static Target ratioAtMost(final double bound)
    {
        return new Target("<= " + Unit.times(bound), true, bound, true, true);
    }

    /**
     * @param bound the ratio spm4j's figure must stay below.
     * @return spm4j's figure less than {@code bound} times the peer's.
     */
    public static Target ratioBelow(final double bound)
    {
        return new Target("< " + Unit.times(bound), true, bound, true, false);
    }

    /**
     * @param bound smallest ratio that meets the target.
     * @return spm4j's figure at least {@code bound} times the peer's.
     */
    public static Target ratioAtLeast(final double bound)
    {
        return new Target(">= " + Unit.times(bound), true, bound, false, true);
    }

    /**
     * @param bound largest figure that meets the target.
     * @param unit  its unit.
     * @return spm4j's figure at most {@code bound}.
     */
    public static Target atMost(final double bound, final Unit unit)
    {
        return new Target("<= " + unit.format(bound), false, bound, true, true);
    }

    /**
     * @param bound smallest figure that meets the target.
     * @param unit  its unit.
     * @return spm4j's figure at least {@code bound}.
     */
    public static Target atLeast(final double bound, final Unit unit)
    {
        return new Target(">= " + unit.format(bound), false, bound, false, true);
    }

    /**
     * @param figure spm4j's figure.
     * @param ratio  spm4j's figure over the peer's, null if there is no peer figure.
     * @return whether the target is met, null if what it bounds is unknown.
     */
    public Boolean isMet(final Double figure, final Double ratio)
    {
        final Double value = onRatio ? ratio : figure;
        if (null == value)
        {
            return null;
        }
        if (atMost)
        {
            return inclusive ? value <= bound : value < bound;
        }
        return inclusive ? value >= bound : value > bound;
    }
}

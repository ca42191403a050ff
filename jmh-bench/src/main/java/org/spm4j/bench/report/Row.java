package org.spm4j.bench.report;

/**
 * One line of the comparison table: a figure of spm4j beside one peer's figure of the same kind, and the
 * target that bounds them, if any.
 *
 * @param figure    what is measured; empty on a further peer of the figure above.
 * @param spm4j     spm4j's figure.
 * @param spm4jTail spm4j's tail (p99) shown beside it, or null.
 * @param peer      the peer's name, or null for none.
 * @param peerValue the peer's figure, or null for none.
 * @param peerTail  the peer's tail (p99), or null.
 * @param unit      the unit of both figures.
 * @param target    the target, or null for none.
 */
public record Row(
    String figure,
    Measure spm4j,
    Measure spm4jTail,
    String peer,
    Measure peerValue,
    Measure peerTail,
    Unit unit,
    Target target)
{
    /**
     * @param figure what is measured.
     * @param spm4j  spm4j's figure.
     * @param unit   its unit.
     * @return a row without a peer, tail or target.
     */
    public static Row of(final String figure, final Measure spm4j, final Unit unit)
    {
        return new Row(figure, spm4j, null, null, null, null, unit, null);
    }

    /**
     * @param peer      the peer's name.
     * @param peerValue the peer's figure.
     * @return this row beside that peer.
     */
    public Row versus(final String peer, final Measure peerValue)
    {
        return new Row(figure, spm4j, spm4jTail, peer, peerValue, peerTail, unit, target);
    }

    /**
     * @param spm4jTail spm4j's tail.
     * @param peerTail  the peer's tail, or null.
     * @return this row with tails shown beside the figures.
     */
    public Row tails(final Measure spm4jTail, final Measure peerTail)
    {
        return new Row(figure, spm4j, spm4jTail, peer, peerValue, peerTail, unit, target);
    }

    /**
     * @param target the target.
     * @return this row judged against it.
     */
    public Row target(final Target target)
    {
        return new Row(figure, spm4j, spm4jTail, peer, peerValue, peerTail, unit, target);
    }

    /**
     * @return the same figure of spm4j, to set beside the next peer: no figure name, tail kept, no target.
     */
    public Row next()
    {
        return new Row("", spm4j, spm4jTail, null, null, null, unit, null);
    }
}

package org.spm4j.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Markdown table of a run: for each row, spm4j's figure and the peer's, each the median over rounds;
 * their ratio, the median of the ratios taken round by round; the target and whether it is met.
 */
public final class ComparisonTable
{
    /** What a cell shows for a figure no round measured. */
    public static final String MISSING = "—";

    private static final String HEADER = "| figure | spm4j | peer | peer's figure | spm4j / peer | target | met |\n" +
        "|---|---|---|---|---|---|---|\n";

    private ComparisonTable()
    {
    }

    /**
     * @param rows   the rows, in order.
     * @param rounds the run's measurements.
     * @return the table in Markdown, one line per row after the header.
     */
    public static String markdown(final List<Row> rows, final Rounds rounds)
    {
        final StringBuilder out = new StringBuilder(HEADER);
        for (final Row row : rows)
        {
            final Double spm4j = median(rounds, row.spm4j()::in);
            final Double ratio = null == row.peerValue() ? null : median(rounds, round -> ratio(row, round));
            final Boolean met = null == row.target() ? null : row.target().isMet(spm4j, ratio);
            out.append("| ").append(row.figure())
                .append(" | ").append(cell(rounds, row.spm4j(), row.spm4jTail(), row.unit()))
                .append(" | ").append(null == row.peer() ? "" : row.peer())
                .append(" | ").append(null == row.peerValue() ? "" : cell(rounds, row.peerValue(), row.peerTail(),
                    row.unit()))
                .append(" | ").append(null == row.peerValue() ? "" : null == ratio ? MISSING : Unit.times(ratio))
                .append(" | ").append(null == row.target() ? "" : row.target().text())
                .append(" | ").append(null == row.target() ? "" : null == met ? MISSING : met ? "yes" : "**no**")
                .append(" |\n");
        }
        return out.toString();
    }

    /**
     * @param values figures, nulls among them ignored.
     * @return their median (the mean of the middle two for an even count), or null if there is none.
     */
    public static Double median(final List<Double> values)
    {
        final List<Double> known = new ArrayList<>();
        for (final Double value : values)
        {
            if (null != value && !value.isNaN())
            {
                known.add(value);
            }
        }
        if (known.isEmpty())
        {
            return null;
        }
        Collections.sort(known);
        final int middle = known.size() / 2;
        return 1 == known.size() % 2 ? known.get(middle) : (known.get(middle - 1) + known.get(middle)) / 2;
    }

    private static Double median(final Rounds rounds, final Function<Map<String, Double>, Double> figure)
    {
        final List<Double> values = new ArrayList<>(rounds.count());
        for (int round = 0; round < rounds.count(); round++)
        {
            values.add(figure.apply(rounds.round(round)));
        }
        return median(values);
    }

    private static Double ratio(final Row row, final Map<String, Double> round)
    {
        final Double spm4j = row.spm4j().in(round);
        final Double peer = row.peerValue().in(round);
        return null == spm4j || null == peer || 0 == peer ? null : spm4j / peer;
    }

    private static String cell(final Rounds rounds, final Measure figure, final Measure tail, final Unit unit)
    {
        final Double value = median(rounds, figure::in);
        if (null == value)
        {
            return MISSING;
        }
        final Double tailValue = null == tail ? null : median(rounds, tail::in);
        return unit.format(value) + (null == tailValue ? "" : " (p99 " + unit.format(tailValue) + ")");
    }
}

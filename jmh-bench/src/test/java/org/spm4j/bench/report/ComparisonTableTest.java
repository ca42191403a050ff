package org.spm4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.spm4j.bench.report.Measure.named;
import static org.spm4j.bench.report.Measure.quotient;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ComparisonTableTest
{
    private static final String HEADER = "| figure | spm4j | peer | peer's figure | spm4j / peer | target | met |\n" +
        "|---|---|---|---|---|---|---|\n";

    @Test
    void shouldTakeMediansOfFiguresButTheMedianOfEachRoundsRatio()
    {
        // rounds where the machine was slow for both sides, then fast for both: the ratio is steady
        final Rounds rounds = new Rounds(List.of(
            Map.of("spm4j", 300.0, "ring", 200.0),
            Map.of("spm4j", 1000.0, "ring", 900.0),
            Map.of("spm4j", 150.0, "ring", 100.0)));
        final Row row = Row.of("round trip", named("spm4j"), Unit.NANOS)
            .versus("ring", named("ring"))
            .target(Target.ratioAtMost(2));

        assertEquals(HEADER + "| round trip | 300 ns | ring | 200 ns | 1.50x | <= 2.00x | yes |\n",
            ComparisonTable.markdown(List.of(row), rounds));
    }

    @Test
    void shouldMarkAMissedTargetAndMissingFigures()
    {
        final Rounds rounds = new Rounds(List.of(Map.of("rate", 72_500.0, "memory", 90.0 * (1 << 20))));
        final List<Row> rows = List.of(
            Row.of("submit", named("rate"), Unit.RATE).versus("python", named("python"))
                .target(Target.ratioAtLeast(40)),
            Row.of("idle spoke", named("memory"), Unit.BYTES).target(Target.atMost(80 << 20, Unit.BYTES)),
            Row.of("start", named("start"), Unit.NANOS).target(Target.atMost(300e6, Unit.NANOS)));

        assertEquals(HEADER +
            "| submit | 72.5 k/s | python | — | — | >= 40.0x | — |\n" +
            "| idle spoke | 90.0 MB |  |  |  | <= 80.0 MB | **no** |\n" +
            "| start | — |  |  |  | <= 300 ms | — |\n",
            ComparisonTable.markdown(rows, rounds));
    }

    @Test
    void shouldShowTailsAndSpeedUpsComputedWithinARound()
    {
        final Rounds rounds = new Rounds(List.of(
            Map.of("serial", 400.0, "two", 200.0, "p50", 5_250.0, "p99", 20_000.0),
            Map.of("serial", 800.0, "two", 500.0, "p50", 5_250.0, "p99", 20_000.0)));
        final List<Row> rows = List.of(
            Row.of("speed-up", quotient("serial", "two"), Unit.TIMES).target(Target.atLeast(1.85, Unit.TIMES)),
            Row.of("latency", named("p50"), Unit.NANOS).tails(named("p99"), null));

        assertEquals(HEADER +
            "| speed-up | 1.80x |  |  |  | >= 1.85x | **no** |\n" +
            "| latency | 5.25 us (p99 20.0 us) |  |  |  |  |  |\n",
            ComparisonTable.markdown(rows, rounds));
    }

    @Test
    void shouldTakeTheMedianOfKnownValuesOnly()
    {
        assertEquals(2.0, ComparisonTable.median(Arrays.asList(3.0, null, 1.0, 2.0, Double.NaN)));
        assertEquals(2.5, ComparisonTable.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertNull(ComparisonTable.median(Arrays.asList(null, Double.NaN)));
    }

    @Test
    void shouldJudgeStrictAndInclusiveBounds()
    {
        assertEquals(true, Target.ratioAtMost(2).isMet(null, 2.0));
        assertEquals(false, Target.ratioBelow(1).isMet(null, 1.0));
        assertEquals(true, Target.ratioBelow(1).isMet(null, 0.99));
        assertEquals(true, Target.atLeast(50e3, Unit.RATE).isMet(50e3, null));
        assertEquals(false, Target.atMost(10e3, Unit.NANOS).isMet(10.5e3, 0.1));
        assertNull(Target.ratioAtLeast(2).isMet(5e6, null));
    }
}

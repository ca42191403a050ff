package org.spm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spm4j.Pool;

class KnapsackExampleTest
{
    /** Problems P07 and P08 of John Burkardt's KNAPSACK_01 data set, with their published optima. */
    private static final KnapsackExample.Instance P07 = KnapsackExample.Instance.of(
        new int[] { 70, 73, 77, 80, 82, 87, 90, 94, 98, 106, 110, 113, 115, 118, 120 },
        new int[] { 135, 139, 149, 150, 156, 163, 173, 184, 192, 201, 210, 214, 221, 229, 240 },
        750);
    private static final KnapsackExample.Instance P08 = KnapsackExample.Instance.of(
        new int[] { 382745, 799601, 909247, 729069, 467902, 44328, 34610, 698150, 823460, 903959, 853665, 551830,
            610856, 670702, 488960, 951111, 323046, 446298, 931161, 31385, 496951, 264724, 224916, 169684 },
        new int[] { 825594, 1677009, 1676628, 1523970, 943972, 97426, 69666, 1296457, 1679693, 1902996, 1844992,
            1049289, 1252836, 1319836, 953277, 2067538, 675367, 853655, 1826027, 65731, 901489, 577243, 466257,
            369261 },
        6404180);

    @TempDir
    private Path root;

    static Stream<Arguments> instancesWithKnownOptima()
    {
        final KnapsackExample.Instance generated = KnapsackExample.Instance.generate(20, 3);
        return Stream.of(
            Arguments.of("P07", P07, 1458),
            Arguments.of("P08", P08, 13549094),
            Arguments.of("generated", generated, bruteForce(generated)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instancesWithKnownOptima")
    @Timeout(60)
    void shouldFindTheKnownOptimumSeriallyAndOnSpokes(
        final String name, final KnapsackExample.Instance instance, final int optimum)
    {
        for (final PoolKind kind : PoolKind.values())
        {
            final KnapsackExample.Result result;
            try (Pool pool = kind.start(root))
            {
                result = KnapsackExample.solve(pool, instance, 3);
            }
            assertEquals(optimum, result.value(), kind.name());
            assertEquals(8, result.asks(), "one ask per task: searches this short never ask again");
            assertTrue(result.tells() > 0, "improvements are told to the hub");
            int weight = 0;
            int value = 0;
            for (int item = result.items().nextSetBit(0); item >= 0; item = result.items().nextSetBit(item + 1))
            {
                weight += instance.weights()[item];
                value += instance.values()[item];
            }
            assertEquals(optimum, value, "the items make the value");
            assertTrue(weight <= instance.capacity(), "the items fit: " + weight);
        }
    }

    @Test
    @Timeout(60)
    void shouldCheckBothRunsAgainstDynamicProgrammingFromTheCommandLine()
    {
        final CommandRun run = CommandRun.of(new KnapsackExample(), "--items", "30", "--split", "3", "-n", "2",
            "--root", root.toString());

        assertEquals(Examples.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("both runs are optimal"), run.toString());
    }

    /** Every subset of the items. */
    private static int bruteForce(final KnapsackExample.Instance instance)
    {
        final int items = instance.weights().length;
        int best = 0;
        for (int subset = 0; subset < 1 << items; subset++)
        {
            int weight = 0;
            int value = 0;
            for (int item = 0; item < items; item++)
            {
                if (0 != (subset & 1 << item))
                {
                    weight += instance.weights()[item];
                    value += instance.values()[item];
                }
            }
            if (weight <= instance.capacity())
            {
                best = Math.max(best, value);
            }
        }
        return best;
    }
}

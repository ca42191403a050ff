package org.spm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spm4j.Pool;

class HeatExampleTest
{
    private static final HeatExample.Plate PLATE = new HeatExample.Plate(16, 1e-2, 2000);

    @TempDir
    private Path root;

    @ParameterizedTest(name = "{0} with {1} ranks")
    @CsvSource({"SERIAL, 1", "SERIAL, 3", "LOCAL, 2"})
    @Timeout(60)
    void shouldMatchTheOneThreadReferenceWithinOneTrillionth(final PoolKind kind, final int ranks)
    {
        final Reference reference = reference();
        final HeatExample.Result result;
        try (Pool pool = kind.builder(root).build())
        {
            result = HeatExample.diffuse(pool, PLATE, ranks);
        }
        assertEquals(reference.steps, result.steps());
        assertTrue(reference.steps < PLATE.maxSteps(), "the plate settles: " + reference.steps);
        for (int i = 0; i < reference.temperatures.length; i++)
        {
            assertEquals(reference.temperatures[i], result.temperatures()[i], 1e-12, "point " + i);
        }
    }

    @Test
    @Timeout(60)
    void shouldSayThePlatesAreIdenticalFromTheCommandLine()
    {
        final CommandRun run = CommandRun.of(new HeatExample(), "--size", "16", "--tolerance", "1e-2", "-n", "2",
            "--root", root.toString());

        assertEquals(Examples.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("The plate of one rank in one thread and that of 2 ranks on spokes are " +
            "identical"), run.toString());
    }

    /**
     * The whole plate in one array, stepped in one thread: the same update and the same stopping rule.
     */
    private static Reference reference()
    {
        final int size = PLATE.size();
        double[][] now = new double[size][size];
        double[][] next = new double[size][size];
        Arrays.fill(now[0], HeatExample.HOT);
        Arrays.fill(next[0], HeatExample.HOT);
        int step = 0;
        while (step < PLATE.maxSteps())
        {
            double largest = 0;
            for (int row = 1; row < size - 1; row++)
            {
                for (int column = 1; column < size - 1; column++)
                {
                    final double laplacian = now[row - 1][column] + now[row + 1][column] + now[row][column - 1] +
                        now[row][column + 1] - 4 * now[row][column];
                    next[row][column] = now[row][column] + HeatExample.ALPHA * laplacian;
                    largest = Math.max(largest, Math.abs(next[row][column] - now[row][column]));
                }
            }
            final double[][] swap = now;
            now = next;
            next = swap;
            step++;
            if (step % HeatExample.CHECK_EVERY == 0 && largest < PLATE.tolerance())
            {
                break;
            }
        }
        final double[] temperatures = new double[size * size];
        for (int row = 0; row < size; row++)
        {
            System.arraycopy(now[row], 0, temperatures, row * size, size);
        }
        return new Reference(temperatures, step);
    }

    private record Reference(double[] temperatures, int steps)
    {
    }
}

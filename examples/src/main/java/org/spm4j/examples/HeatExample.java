package org.spm4j.examples;

import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

import org.spm4j.Closure;
import org.spm4j.Crew;
import org.spm4j.Pool;
import org.spm4j.ReduceOp;
import org.spm4j.SharedDoubles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * 2-D heat diffusion with a crew: a square plate, its top edge held at 100 degrees and the other edges at
 * 0, kept in two shared arrays (this step's and the next), cut into bands of rows, one band per rank. Each
 * rank reads and writes only its own band of the shared plate, in place; each step it sends its edge rows to
 * its neighbours and receives theirs (a halo exchange, the only data that travels), then updates its band;
 * every {@value #CHECK_EVERY} steps an {@code allReduce} of the largest change tells every rank alike whether
 * the plate has settled. The hub reads the settled plate where the ranks left it.
 */
@Command(
    name = "heat",
    header = "Heat diffusion: a crew, halo exchange, allReduce to stop.",
    description = "Diffuses heat across a plate in shared memory with a crew: bands of rows on the ranks, edge " +
        "rows exchanged with the neighbours each step, and an allReduce of the largest change to stop when the " +
        "plate has settled. " +
        "Runs serially (one rank), then on spokes (a rank each), and checks that both plates are the same.")
public final class HeatExample implements Callable<Integer>
{
    /** Steps between two checks of the largest change. */
    static final int CHECK_EVERY = 10;
    /** How much of the difference with its neighbours a point takes in a step; stable up to 0.25. */
    static final double ALPHA = 0.2;
    /** Temperature of the top edge. */
    static final double HOT = 100.0;

    @Mixin
    private PoolOptions pools;

    @Option(names = "--size", paramLabel = "POINTS", description = "Points along a side (default: ${DEFAULT-VALUE}).")
    private int size = 200;

    @Option(names = "--tolerance", paramLabel = "DEGREES",
        description = "Stop when no point changes more in a step (default: ${DEFAULT-VALUE}).")
    private double tolerance = 1e-3;

    @Option(names = "--max-steps", paramLabel = "COUNT",
        description = "Stop after so many steps (default: ${DEFAULT-VALUE}).")
    private int maxSteps = 50_000;

    @Spec
    private CommandSpec spec;

    /**
     * @param args the options; {@code --help} lists them.
     */
    public static void main(final String[] args)
    {
        System.exit(Examples.execute(new HeatExample(), args));
    }

    /**
     * Diffuses serially, then on spokes.
     *
     * @return 0 when both plates are the same.
     */
    @Override
    public Integer call()
    {
        final Plate plate = new Plate(size, tolerance, maxSteps);
        final PrintWriter out = spec.commandLine().getOut();
        out.printf("heat: a %dx%d plate, a band of rows per spoke, until no point changes by %.1e in a step%n",
            size, size, tolerance);
        final SerialVsLocal<Result> results = SerialVsLocal.run(pools, UnaryOperator.identity(),
            pool -> diffuse(pool, plate, pool.spokeCount()), out);
        final Result local = results.local();
        final boolean same = local.equals(results.serial());
        out.printf("after %d steps a point changes by %.2e at most; down the middle, top to bottom:%n ",
            local.steps(), local.lastChange());
        for (int tenth = 0; tenth <= 10; tenth++)
        {
            out.printf(" %.1f", local.temperatures()[tenth * (size - 1) / 10 * size + size / 2]);
        }
        out.printf("%nThe plate of one rank in one thread and that of %d ranks on spokes are %s%n", pools.spokes,
            same ? "identical" : "DIFFERENT");
        return same ? Examples.OK : Examples.FAILED;
    }

    /**
     * The parallel part: the same closure on every rank, over a plate the hub makes in shared memory and reads
     * back in place.
     *
     * @param pool  any pool of at least {@code ranks} spokes, or a serial one.
     * @param plate the problem.
     * @param ranks bands of rows.
     * @return the plate when it stopped.
     */
    static Result diffuse(final Pool pool, final Plate plate, final int ranks)
    {
        final int size = plate.size();
        try (SharedDoubles even = pool.allocateDoubles(size * size);
            SharedDoubles odd = pool.allocateDoubles(size * size))
        {
            for (int column = 0; column < size; column++)
            {
                even.set(column, HOT);
                odd.set(column, HOT);
            }
            final Closure<Grids, Steps> diffuse = pool.define("diffuse", Grids::diffuseBand);
            final Steps steps;
            try (Crew crew = pool.crew().size(ranks).start())
            {
                steps = crew.run(diffuse, new Grids(plate, even, odd)).get(0);
            }
            return new Result((0 == steps.taken() % 2 ? even : odd).toArray(), steps.taken(), steps.lastChange());
        }
    }

    /**
     * A plate when it stopped.
     *
     * @param temperatures row after row, edges included.
     * @param steps        steps taken.
     * @param lastChange   the largest change of a point in the last step checked.
     */
    record Result(double[] temperatures, int steps, double lastChange)
    {
        @Override
        public boolean equals(final Object other)
        {
            return other instanceof Result that && Arrays.equals(temperatures, that.temperatures) &&
                steps == that.steps && Double.compare(lastChange, that.lastChange) == 0;
        }

        @Override
        public int hashCode()
        {
            return Arrays.hashCode(temperatures) * 31 + steps;
        }
    }

    /**
     * What a rank returns: when it stopped, the same on every rank.
     *
     * @param taken      steps taken: the plate is in the even grid after an even number.
     * @param lastChange the largest change of a point in the last step checked.
     */
    record Steps(int taken, double lastChange) implements Serializable
    {
    }

    /**
     * The problem.
     *
     * @param size      points along a side.
     * @param tolerance stop when no point changes more in a step.
     * @param maxSteps  stop after so many steps.
     */
    record Plate(int size, double tolerance, int maxSteps) implements Serializable
    {
        Plate
        {
            if (size < 3 || size > 10_000 || maxSteps < 1 || !(tolerance >= 0))
            {
                throw new IllegalArgumentException(
                    "--size must be 3 to 10000, --max-steps at least 1 and --tolerance at least 0");
            }
        }
    }

    /**
     * The plate in shared memory, twice: a step reads one grid and writes the other.
     *
     * @param plate the problem.
     * @param even  the grid of even steps, the first.
     * @param odd   the grid of odd steps.
     */
    record Grids(Plate plate, SharedDoubles even, SharedDoubles odd) implements Serializable
    {
        /**
         * The task of each rank: its band of interior rows, in both grids, and a row above and below (its
         * halo) holding the neighbours' edge rows, or the plate's edge.
         */
        Steps diffuseBand()
        {
            final int size = plate.size();
            final int rank = Crew.rank();
            final int ranks = Crew.size();
            final int interior = size - 2;
            final int firstRow = 1 + rank * interior / ranks;
            final int end = 1 + (rank + 1) * interior / ranks;
            SharedDoubles now = even.slice(firstRow * size, end * size);
            SharedDoubles next = odd.slice(firstRow * size, end * size);
            final double[] above = new double[size];
            final double[] below = new double[size];
            if (0 == rank)
            {
                Arrays.fill(above, HOT);
            }
            final double[][] work = new double[4][size];
            int step = 0;
            double change = Double.NaN;
            while (step < plate.maxSteps())
            {
                exchangeHalo(now, size, above, below, rank, ranks);
                final double largest = step(now, next, size, above, below, work);
                final SharedDoubles swap = now;
                now = next;
                next = swap;
                if (++step % CHECK_EVERY == 0 || step == plate.maxSteps())
                {
                    change = Crew.allReduce(new double[] { largest }, ReduceOp.MAX)[0];
                    if (change < plate.tolerance())
                    {
                        break;
                    }
                }
            }
            return new Steps(step, change);
        }

        /**
         * Sends the band's first row up and its last row down, and receives the neighbours' into the halo rows.
         * A row travels as a byte[], which the default codec copies as it is, where a double[] would go through
         * Java serialization at several times the cost.
         */
        private static void exchangeHalo(
            final SharedDoubles band, final int size, final double[] above, final double[] below, final int rank,
            final int ranks)
        {
            final int rows = band.length() / size;
            if (rank > 0)
            {
                Crew.send(rank - 1, toBytes(band.slice(0, size)));
            }
            if (rank < ranks - 1)
            {
                Crew.send(rank + 1, toBytes(band.slice((rows - 1) * size, rows * size)));
                ByteBuffer.wrap(Crew.<byte[]>receive(rank + 1)).asDoubleBuffer().get(below);
            }
            if (rank > 0)
            {
                ByteBuffer.wrap(Crew.<byte[]>receive(rank - 1)).asDoubleBuffer().get(above);
            }
        }

        private static byte[] toBytes(final SharedDoubles row)
        {
            final ByteBuffer bytes = ByteBuffer.allocate(row.length() * Double.BYTES);
            bytes.asDoubleBuffer().put(row.toArray());
            return bytes.array();
        }

        /**
         * One explicit step of the heat equation on the interior points of the band: each row is worked on in
         * copies on the heap (the rows above and below it, itself, and the updated row written back in one copy),
         * where the arithmetic runs as fast as on a plain array.
         *
         * @param work four rows of scratch space.
         * @return the largest change of a point.
         */
        private static double step(
            final SharedDoubles now, final SharedDoubles next, final int size, final double[] above,
            final double[] below, final double[][] work)
        {
            final int rows = now.length() / size;
            final double[] upper = work[0];
            final double[] here = work[1];
            final double[] lower = work[2];
            final double[] updated = work[3];
            double largest = 0;
            for (int row = 0; row < rows; row++)
            {
                copyRow(now, row - 1, rows, above, upper);
                copyRow(now, row, rows, null, here);
                copyRow(now, row + 1, rows, below, lower);
                for (int column = 1; column < size - 1; column++)
                {
                    final double centre = here[column];
                    final double value = centre +
                        ALPHA * (upper[column] + lower[column] + here[column - 1] + here[column + 1] - 4 * centre);
                    largest = Math.max(largest, Math.abs(value - centre));
                    updated[column] = value;
                }
                next.set(row * size + 1, updated, 1, size - 2);
            }
            return largest;
        }

        /**
         * @param halo the row to use when {@code row} is outside the band.
         */
        private static void copyRow(
            final SharedDoubles band, final int row, final int rows, final double[] halo, final double[] into)
        {
            if (row < 0 || row >= rows)
            {
                System.arraycopy(halo, 0, into, 0, into.length);
            }
            else
            {
                band.get(row * into.length, into, 0, into.length);
            }
        }
    }
}

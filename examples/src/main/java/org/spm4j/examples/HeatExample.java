package org.spm4j.examples;

import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.spm4j.Closure;
import org.spm4j.Crew;
import org.spm4j.Pool;
import org.spm4j.ReduceOp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * 2-D heat diffusion with a crew: a square plate, its top edge held at 100 degrees and the other edges at
 * 0, cut into bands of rows, one band per rank. Each step every rank sends its edge rows to its neighbours
 * and receives theirs (a halo exchange), then updates its band; every {@value #CHECK_EVERY} steps an
 * {@code allReduce} of the largest change tells every rank alike whether the plate has settled.
 */
@Command(
    name = "heat",
    header = "Heat diffusion: a crew, halo exchange, allReduce to stop.",
    description = "Diffuses heat across a plate with a crew: bands of rows on the ranks, edge rows exchanged with " +
        "the neighbours each step, and an allReduce of the largest change to stop when the plate has settled. " +
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
        final SerialVsLocal<Result> results = SerialVsLocal.run(pools, builder -> builder.inboxCapacity(plate.inbox()),
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
     * The parallel part: the same closure on every rank; the hub puts the bands together.
     *
     * @param pool  any pool of at least {@code ranks} spokes, or a serial one.
     * @param plate the problem.
     * @param ranks bands of rows.
     * @return the plate when it stopped.
     */
    static Result diffuse(final Pool pool, final Plate plate, final int ranks)
    {
        final Closure<Plate, Band> diffuse = pool.define("diffuse", Plate::diffuseBand);
        final List<Band> bands;
        try (Crew crew = pool.crew().size(ranks).start())
        {
            bands = crew.run(diffuse, plate);
        }
        final double[] temperatures = new double[plate.size() * plate.size()];
        Arrays.fill(temperatures, 0, plate.size(), HOT);
        for (final Band band : bands)
        {
            System.arraycopy(band.rows(), 0, temperatures, band.firstRow() * plate.size(), band.rows().length);
        }
        return new Result(temperatures, bands.get(0).steps(), bands.get(0).lastChange());
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
     * What a rank returns: its rows, and when it stopped (the same on every rank).
     *
     * @param firstRow   its first row.
     * @param rows       its rows, one after the other.
     * @param steps      steps taken.
     * @param lastChange the largest change of a point in the last step checked.
     */
    record Band(int firstRow, double[] rows, int steps, double lastChange) implements Serializable
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
            if (size < 3 || size > 1000 || maxSteps < 1 || !(tolerance >= 0))
            {
                throw new IllegalArgumentException(
                    "--size must be 3 to 1000, --max-steps at least 1 and --tolerance at least 0");
            }
        }

        /**
         * @return an inbox capacity whose messages hold the whole plate: a rank returns its band in one.
         */
        int inbox()
        {
            return Math.max(1 << 20, Integer.highestOneBit(size * size * Double.BYTES * 8) << 1);
        }

        /**
         * The task of each rank: its band of interior rows, with a row above and below (its halo) holding
         * the neighbours' edge rows, or the plate's edge.
         */
        Band diffuseBand()
        {
            final int rank = Crew.rank();
            final int ranks = Crew.size();
            final int interior = size - 2;
            final int firstRow = 1 + rank * interior / ranks;
            final int rows = 1 + (rank + 1) * interior / ranks - firstRow;
            double[][] now = new double[rows + 2][size];
            double[][] next = new double[rows + 2][size];
            if (0 == rank)
            {
                Arrays.fill(now[0], HOT);
                Arrays.fill(next[0], HOT);
            }
            int step = 0;
            double change = Double.NaN;
            while (step < maxSteps)
            {
                exchangeHalo(now, rank, ranks);
                final double largest = step(now, next);
                final double[][] swap = now;
                now = next;
                next = swap;
                if (++step % CHECK_EVERY == 0 || step == maxSteps)
                {
                    change = Crew.allReduce(new double[] { largest }, ReduceOp.MAX)[0];
                    if (change < tolerance)
                    {
                        break;
                    }
                }
            }
            final double[] band = new double[rows * size];
            for (int row = 0; row < rows; row++)
            {
                System.arraycopy(now[row + 1], 0, band, row * size, size);
            }
            return new Band(firstRow, band, step, change);
        }

        /**
         * Sends the band's first row up and its last row down, and receives the neighbours' into the halo rows.
         * A row travels as a byte[], which the default codec copies as it is, where a double[] would go through
         * Java serialization at several times the cost.
         */
        private static void exchangeHalo(final double[][] band, final int rank, final int ranks)
        {
            final int last = band.length - 2;
            if (rank > 0)
            {
                Crew.send(rank - 1, toBytes(band[1]));
            }
            if (rank < ranks - 1)
            {
                Crew.send(rank + 1, toBytes(band[last]));
                ByteBuffer.wrap(Crew.<byte[]>receive(rank + 1)).asDoubleBuffer().get(band[last + 1]);
            }
            if (rank > 0)
            {
                ByteBuffer.wrap(Crew.<byte[]>receive(rank - 1)).asDoubleBuffer().get(band[0]);
            }
        }

        private static byte[] toBytes(final double[] row)
        {
            final ByteBuffer bytes = ByteBuffer.allocate(row.length * Double.BYTES);
            bytes.asDoubleBuffer().put(row);
            return bytes.array();
        }

        /**
         * One explicit step of the heat equation on the interior points of the band.
         *
         * @return the largest change of a point.
         */
        private static double step(final double[][] now, final double[][] next)
        {
            double largest = 0;
            for (int row = 1; row < now.length - 1; row++)
            {
                final double[] above = now[row - 1];
                final double[] here = now[row];
                final double[] below = now[row + 1];
                final double[] updated = next[row];
                for (int column = 1; column < here.length - 1; column++)
                {
                    final double centre = here[column];
                    final double value = centre +
                        ALPHA * (above[column] + below[column] + here[column - 1] + here[column + 1] - 4 * centre);
                    largest = Math.max(largest, Math.abs(value - centre));
                    updated[column] = value;
                }
            }
            return largest;
        }
    }
}

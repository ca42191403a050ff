package org.spm4j.bench.engine;

import org.spm4j.TaskClosure;

/**
 * The CPU-bound workload: the Mandelbrot set over {@code [-2.5, 1] x [-1.2, 1.2]} on a grid of
 * {@link #WIDTH} by {@link #HEIGHT} points, at most {@link #MAX_ITERATIONS} iterations a point, in
 * {@link #BANDS} bands of rows. A band's result is the sum of its points' iteration counts, so every way of
 * running it must give the same total. {@code python/mp_peers.py} computes the same, smaller.
 */
final class Mandelbrot
{
    static final int WIDTH = 600;
    static final int HEIGHT = 400;
    static final int MAX_ITERATIONS = 2000;
    static final int BANDS = 40;

    /** One band as a task: its index in, its iteration total out. */
    static final TaskClosure<Integer, Long> BAND = Mandelbrot::band;

    private static final double LEFT = -2.5;
    private static final double TOP = 1.2;
    private static final double STEP_X = 3.5 / WIDTH;
    private static final double STEP_Y = 2.4 / HEIGHT;
    private static final int ROWS_PER_BAND = HEIGHT / BANDS;

    private Mandelbrot()
    {
    }

    /**
     * @param band from 0 to {@link #BANDS} - 1.
     * @return the sum of iteration counts over the band's points.
     */
    static long band(final int band)
    {
        long total = 0;
        for (int row = band * ROWS_PER_BAND, end = row + ROWS_PER_BAND; row < end; row++)
        {
            final double ci = TOP - row * STEP_Y;
            for (int column = 0; column < WIDTH; column++)
            {
                total += iterations(LEFT + column * STEP_X, ci);
            }
        }
        return total;
    }

    private static int iterations(final double cr, final double ci)
    {
        double zr = 0;
        double zi = 0;
        int n = 0;
        while (n < MAX_ITERATIONS)
        {
            final double zr2 = zr * zr;
            final double zi2 = zi * zi;
            if (zr2 + zi2 > 4.0)
            {
                break;
            }
            zi = 2 * zr * zi + ci;
            zr = zr2 - zi2 + cr;
            n++;
        }
        return n;
    }
}

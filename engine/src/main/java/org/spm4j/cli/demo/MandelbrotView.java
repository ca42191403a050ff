package org.spm4j.cli.demo;

import java.io.Serial;
import java.io.Serializable;

/**
 * The whole Mandelbrot set in an image of {@code width} by {@code height} pixels, cut into bands of rows
 * that are the demo's tasks. Pure arithmetic with {@link StrictMath} for the palette, so a band renders
 * to the same pixels on every JVM: a serial and a parallel image can be compared pixel for pixel.
 *
 * @param width         pixels across.
 * @param height        pixels down.
 * @param maxIterations iterations after which a point counts as inside the set.
 * @param rowsPerBand   rows in each task.
 */
record MandelbrotView(int width, int height, int maxIterations, int rowsPerBand) implements Serializable
{
    /** Pixels per band the demo aims at: big enough to dwarf a hand-over, small enough to balance spokes. */
    static final int PIXELS_PER_BAND = 16_384;
    /** Bands a small image is still cut into, so that there are tasks enough to share. */
    static final int MIN_BANDS = 32;

    @Serial
    private static final long serialVersionUID = 1L;

    private static final double CENTRE_X = -0.75;
    private static final double SPAN_X = 3.5;
    private static final double ESCAPE_RADIUS_SQUARED = 4.0;
    private static final int[] PALETTE = palette(256);

    /**
     * @param width         pixels across.
     * @param height        pixels down.
     * @param maxIterations iterations after which a point counts as inside the set.
     * @return the view, in bands of about {@link #PIXELS_PER_BAND} pixels, at least {@link #MIN_BANDS} of
     *         them where there are rows enough.
     */
    static MandelbrotView of(final int width, final int height, final int maxIterations)
    {
        final int rowsPerBand = Math.min(PIXELS_PER_BAND / width, height / MIN_BANDS);
        return new MandelbrotView(width, height, maxIterations, Math.max(1, rowsPerBand));
    }

    /**
     * @return the same view at a quarter of the pixels: long enough for the JIT to compile the render loop,
     *         and for new spokes to finish starting (they open the error journal after READY).
     */
    MandelbrotView warmUp()
    {
        return of(Math.max(1, width / 2), Math.max(1, height / 2), maxIterations);
    }

    int bands()
    {
        return (height + rowsPerBand - 1) / rowsPerBand;
    }

    int firstRow(final int band)
    {
        return band * rowsPerBand;
    }

    int rows(final int band)
    {
        return Math.min(rowsPerBand, height - firstRow(band));
    }

    /**
     * @param band which band, from 0.
     * @return its pixels as 0xRRGGBB, row after row.
     */
    int[] renderBand(final int band)
    {
        final int firstRow = firstRow(band);
        final int rows = rows(band);
        final double step = SPAN_X / width;
        final double left = CENTRE_X - SPAN_X / 2;
        final double top = step * height / 2;
        final int[] pixels = new int[rows * width];
        for (int row = 0; row < rows; row++)
        {
            final double ci = top - (firstRow + row) * step;
            for (int column = 0; column < width; column++)
            {
                pixels[row * width + column] = colour(iterations(left + column * step, ci));
            }
        }
        return pixels;
    }

    private int iterations(final double cr, final double ci)
    {
        double zr = 0;
        double zi = 0;
        int n = 0;
        while (n < maxIterations)
        {
            final double zr2 = zr * zr;
            final double zi2 = zi * zi;
            if (zr2 + zi2 > ESCAPE_RADIUS_SQUARED)
            {
                break;
            }
            zi = 2 * zr * zi + ci;
            zr = zr2 - zi2 + cr;
            n++;
        }
        return n;
    }

    private int colour(final int iterations)
    {
        return iterations >= maxIterations ? 0 : PALETTE[(int)(StrictMath.sqrt(iterations) * 24) % PALETTE.length];
    }

    private static int[] palette(final int size)
    {
        final int[] palette = new int[size];
        for (int i = 0; i < size; i++)
        {
            final double t = (double)i / size;
            palette[i] = channel(t, 0.0) << 16 | channel(t, 0.10) << 8 | channel(t, 0.20);
        }
        return palette;
    }

    private static int channel(final double t, final double phase)
    {
        return (int)Math.round(255 * (0.5 + 0.5 * StrictMath.cos(2 * StrictMath.PI * (t + phase))));
    }
}

package org.spm4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.Pool;
import org.spm4j.TaskStatus;

class MandelbrotExampleTest
{
    private static final MandelbrotExample.Plane PLANE = new MandelbrotExample.Plane(160, 120, 200);

    @TempDir
    private Path root;

    @Test
    @Timeout(60)
    void shouldRenderTheSameImageSeriallyAndOnSpokesBlackExactlyInsideTheSet() throws IOException
    {
        final int[][] images = new int[PoolKind.values().length][];
        for (final PoolKind kind : PoolKind.values())
        {
            final AtomicInteger rowsDone = new AtomicInteger();
            try (Pool pool = kind.start(root))
            {
                images[kind.ordinal()] = MandelbrotExample.render(pool, PLANE, status ->
                {
                    if (TaskStatus.State.COMPLETED == status.state())
                    {
                        rowsDone.incrementAndGet();
                    }
                });
            }
            assertEquals(PLANE.height(), rowsDone.get(), "the status callback sees every row of " + kind);
        }
        assertArrayEquals(images[0], images[1], "serial and local images");
        for (int y = 0; y < PLANE.height(); y++)
        {
            for (int x = 0; x < PLANE.width(); x++)
            {
                assertEquals(insideTheSet(x, y), 0 == images[0][y * PLANE.width() + x], "pixel " + x + "," + y);
            }
        }

        final Path png = root.resolve("mandelbrot.png");
        MandelbrotExample.writePng(PLANE, images[0], png);
        final BufferedImage read = ImageIO.read(png.toFile());
        assertEquals(PLANE.width(), read.getWidth());
        assertEquals(PLANE.height(), read.getHeight());
        for (int y = 0; y < PLANE.height(); y++)
        {
            for (int x = 0; x < PLANE.width(); x++)
            {
                assertEquals(images[0][y * PLANE.width() + x], read.getRGB(x, y) & 0xFFFFFF, "PNG pixel " + x + "," +
                    y);
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldWriteThePngAndSayTheImagesAreIdenticalFromTheCommandLine()
    {
        final Path png = root.resolve("small.png");
        final CommandRun run = CommandRun.of(new MandelbrotExample(), "--width", "64", "--height", "48",
            "--max-iterations", "50", "--out", png.toString(), "-n", "2", "--root", root.toString());

        assertEquals(Examples.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("The serial and parallel images are identical; the image is in " + png),
            run.toString());
        assertTrue(Files.isRegularFile(png));
    }

    /** The escape-time test, written out for one point: does it stay within radius 2 for every iteration? */
    private static boolean insideTheSet(final int x, final int y)
    {
        final double step = 3.0 / PLANE.width();
        final double cr = -2.25 + x * step;
        final double ci = (PLANE.height() / 2.0 - y) * step;
        double zr = 0;
        double zi = 0;
        for (int i = 0; i < PLANE.maxIterations(); i++)
        {
            if (zr * zr + zi * zi > 4.0)
            {
                return false;
            }
            final double nextZr = zr * zr - zi * zi + cr;
            zi = 2 * zr * zi + ci;
            zr = nextZr;
        }
        return true;
    }
}

package org.spm4j.examples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import org.spm4j.Closure;
import org.spm4j.Pool;
import org.spm4j.TaskFarm;
import org.spm4j.TaskStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The Mandelbrot set as a task farm with a status callback: one task per row of pixels, the hub counting
 * finished rows for a progress line and assembling the image, written as a PNG.
 */
@Command(
    name = "mandelbrot",
    header = "The Mandelbrot set: a task per row, progress, a PNG.",
    description = "Renders the Mandelbrot set with a task farm, one task per row of pixels; a status callback on " +
        "the hub shows the progress. Runs serially, then on spokes, checks that both images are identical and " +
        "writes the image as a PNG.")
public final class MandelbrotExample implements Callable<Integer>
{
    @Mixin
    private PoolOptions pools;

    @Option(names = "--width", paramLabel = "PIXELS", description = "Image width (default: ${DEFAULT-VALUE}).")
    private int width = 1600;

    @Option(names = "--height", paramLabel = "PIXELS", description = "Image height (default: ${DEFAULT-VALUE}).")
    private int height = 1200;

    @Option(names = "--max-iterations", paramLabel = "COUNT",
        description = "Iterations after which a point counts as inside the set (default: ${DEFAULT-VALUE}).")
    private int maxIterations = 5000;

    @Option(names = "--out", paramLabel = "FILE", description = "Where the PNG goes (default: ${DEFAULT-VALUE}).")
    private Path out = Path.of("mandelbrot.png");

    @Spec
    private CommandSpec spec;

    /**
     * @param args the options; {@code --help} lists them.
     */
    public static void main(final String[] args)
    {
        System.exit(Examples.execute(new MandelbrotExample(), args));
    }

    /**
     * Renders the image serially, then on spokes.
     *
     * @return 0 when both images are identical.
     */
    @Override
    public Integer call()
    {
        final Plane plane = new Plane(width, height, maxIterations);
        Inputs.writableFile(out, "image");
        final PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("mandelbrot: %dx%d pixels, up to %d iterations a point, one task per row%n",
            width, height, maxIterations);
        final boolean terminal =
            Boolean.parseBoolean(System.getProperty("spm.progress", String.valueOf(null != System.console())));
        final SerialVsLocal<int[]> images = SerialVsLocal.run(pools, builder -> builder,
            pool -> render(pool, plane, terminal ? new Progress(pool.isSerial() ? "serial" : "local", height) :
                status -> { }), stdout);
        writePng(plane, images.local(), out);
        final boolean identical = Arrays.equals(images.serial(), images.local());
        stdout.printf("The serial and parallel images are %s; the image is in %s%n",
            identical ? "identical" : "DIFFERENT", out.toAbsolutePath());
        return identical ? Examples.OK : Examples.FAILED;
    }

    /**
     * The parallel part: a task per row; the rows come back in order and make the image.
     *
     * @param pool     any pool.
     * @param plane    what to render.
     * @param onStatus sees each row's change of state on the hub thread, e.g. for progress.
     * @return the pixels as 0xRRGGBB, row after row.
     */
    static int[] render(final Pool pool, final Plane plane, final Consumer<TaskStatus> onStatus)
    {
        final Closure<Integer, int[]> row = pool.define("mandelbrot-row", plane::row);
        final List<int[]> rows;
        try (TaskFarm farm = pool.taskFarm().onStatus(onStatus).start())
        {
            rows = farm.map(row, IntStream.range(0, plane.height()).boxed().toList());
        }
        final int[] pixels = new int[plane.width() * plane.height()];
        for (int y = 0; y < rows.size(); y++)
        {
            System.arraycopy(rows.get(y), 0, pixels, y * plane.width(), plane.width());
        }
        return pixels;
    }

    /**
     * @param plane  the image's size.
     * @param pixels its pixels as 0xRRGGBB, row after row.
     * @param file   where the PNG goes.
     */
    static void writePng(final Plane plane, final int[] pixels, final Path file)
    {
        System.setProperty("java.awt.headless", "true");
        final BufferedImage image = new BufferedImage(plane.width(), plane.height(), BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, plane.width(), plane.height(), pixels, 0, plane.width());
        try
        {
            ImageIO.write(image, "png", file.toFile());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    /**
     * The whole set, -2.25 to 0.75 across, in {@code width} by {@code height} pixels. Only +, * and
     * comparisons of doubles and integer colours: a row renders to the same pixels on every JVM.
     *
     * @param width         pixels across.
     * @param height        pixels down.
     * @param maxIterations iterations after which a point counts as inside the set.
     */
    record Plane(int width, int height, int maxIterations) implements Serializable
    {
        private static final int[] STOPS = { 0x000764, 0x206BCB, 0xEDFFFF, 0xFFAA00, 0x000200 };

        Plane
        {
            if (width < 1 || width > 16_384 || height < 1 || height > 16_384 || maxIterations < 1)
            {
                throw new IllegalArgumentException(
                    "--width and --height must be 1 to 16384 (a row is a message), --max-iterations at least 1");
            }
        }

        /**
         * @param y the row, 0 at the top.
         * @return its pixels as 0xRRGGBB.
         */
        int[] row(final int y)
        {
            final double step = 3.0 / width;
            final double ci = (height / 2.0 - y) * step;
            final int[] pixels = new int[width];
            for (int x = 0; x < width; x++)
            {
                pixels[x] = colour(iterations(-2.25 + x * step, ci));
            }
            return pixels;
        }

        private int iterations(final double cr, final double ci)
        {
            double zr = 0;
            double zi = 0;
            int n = 0;
            while (n < maxIterations && zr * zr + zi * zi <= 4.0)
            {
                final double nextZr = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = nextZr;
                n++;
            }
            return n;
        }

        /** Black inside the set; outside, a cycle through the colour stops, one step per iteration. */
        private int colour(final int iterations)
        {
            if (iterations >= maxIterations)
            {
                return 0;
            }
            final int position = (iterations * 4) % 256;
            final int from = STOPS[position / 64];
            final int to = STOPS[position / 64 + 1];
            final int fraction = position % 64;
            int rgb = 0;
            for (int shift = 16; shift >= 0; shift -= 8)
            {
                final int a = from >> shift & 0xFF;
                final int b = to >> shift & 0xFF;
                rgb |= (a + (b - a) * fraction / 64) << shift;
            }
            return rgb;
        }
    }

    /**
     * Rows done, in per cent, redrawn in place on stderr and wiped at the end: for a terminal.
     */
    private static final class Progress implements Consumer<TaskStatus>
    {
        private final String mode;
        private final int rows;
        private int done;

        Progress(final String mode, final int rows)
        {
            this.mode = mode;
            this.rows = rows;
        }

        @Override
        public void accept(final TaskStatus status)
        {
            if (TaskStatus.State.COMPLETED == status.state())
            {
                done++;
                if (done == rows)
                {
                    System.err.print("\r\033[K");
                }
                else if (done * 100 / rows > (done - 1) * 100 / rows)
                {
                    System.err.print("\r" + mode + ": " + done * 100 / rows + "% of " + rows + " rows");
                }
                System.err.flush();
            }
        }
    }
}

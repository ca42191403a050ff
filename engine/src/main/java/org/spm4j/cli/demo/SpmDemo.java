package org.spm4j.cli.demo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import org.spm4j.Closure;
import org.spm4j.ErrorPolicy;
import org.spm4j.Pool;
import org.spm4j.PoolBuilder;
import org.spm4j.TaskFailure;
import org.spm4j.TaskFarm;
import org.spm4j.TaskStatus;
import org.spm4j.cli.BadInputException;
import org.spm4j.cli.Directories;
import org.spm4j.cli.ProgressBar;
import org.spm4j.cli.Spm;
import org.spm4j.cli.SpmVersion;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.PoolLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code spm demo}: a Mandelbrot image rendered band by band as a task farm, serially and on spokes,
 * timed side by side and compared pixel for pixel; then a task that fails once and is retried.
 */
@Command(
    name = "demo",
    header = "Times a CPU-bound task farm serially and on spokes, then shows a failure handled by a retry.",
    mixinStandardHelpOptions = true,
    versionProvider = SpmVersion.class,
    description = {
        "Renders a Mandelbrot image as a task farm, one task per band of rows: first serially in this JVM " +
            "(Pool.serial()), then on N spoke JVMs. Prints the wall time, speed-up and tasks per second of each, " +
            "checks that both images are identical and writes the image as a PNG.",
        "Then runs a task that fails on its first attempt under the error policy 'retry once, then fail fast', " +
            "and shows the failure and where its record is in the error journal.",
    },
    exitCodeListHeading = Spm.EXIT_CODES_HEADING,
    exitCodeList = {Spm.EXIT_CODE_OK, Spm.EXIT_CODE_FAILED, Spm.EXIT_CODE_BAD_INPUT, Spm.EXIT_CODE_ERROR},
    footer = {"%nExample:%n  spm demo -n 2 --out /tmp/mandelbrot.png"})
public final class SpmDemo implements Callable<Integer>
{
    private static final int MAX_SIDE = 16_384;
    private static final int FAILURE_TASKS = 4;

    @ParentCommand
    private Spm spm;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-n", "--spokes"}, paramLabel = "N",
        description = "Spoke JVMs of the parallel run (default: the number of cores, ${DEFAULT-VALUE}).")
    private int spokes = Runtime.getRuntime().availableProcessors();

    @Option(names = "--width", paramLabel = "PIXELS", description = "Image width (default: ${DEFAULT-VALUE}).")
    private int width = 1600;

    @Option(names = "--height", paramLabel = "PIXELS", description = "Image height (default: ${DEFAULT-VALUE}).")
    private int height = 1200;

    @Option(names = "--max-iterations", paramLabel = "COUNT",
        description = "Iterations after which a point counts as inside the set (default: ${DEFAULT-VALUE}).")
    private int maxIterations = 5000;

    @Option(names = "--out", paramLabel = "FILE",
        description = "Where the PNG goes (default: ${DEFAULT-VALUE} in the current directory).")
    private Path imageFile = Path.of("spm-demo.png");

    @Option(names = "--journal", paramLabel = "DIR",
        description = "Error journal of the parallel run, kept after it (default: spm4j-demo-<user>/journal " +
            "in the temporary directory, replaced at each run).")
    private Path journal;

    @Option(names = "--root", paramLabel = "DIR",
        description = "Directory the pools are created under (default: /dev/shm/spm4j-<user>).")
    private Path root = PoolDirectory.defaultRoot();

    @Override
    public Integer call() throws IOException
    {
        checkOptions();
        final Path image = imageFile.toAbsolutePath();
        final Path journalDirectory = null != journal ? journal : defaultJournal();
        final PoolBuilder local = validated(Pool.builder().spokes(spokes).root(root)
            .persistentJournal(journalDirectory));
        final MandelbrotView view = MandelbrotView.of(width, height, maxIterations);
        final PrintStream stdout = spm.out();
        stdout.printf("spm demo: a %dx%d Mandelbrot image, up to %d iterations a point, in %d tasks of %d rows%n",
            width, height, maxIterations, view.bands(), view.rowsPerBand());

        final Timing serial;
        try (Pool pool = Pool.builder().serial().root(root).build())
        {
            serial = render(pool, view, "serial");
        }
        stdout.printf("%-8s %6s %11s %10s %9s%n", "mode", "spokes", "wall time", "speed-up", "tasks/s");
        printRow(serial, serial, view);

        final long startNs = System.nanoTime();
        try (Pool pool = local.build())
        {
            final long startedNs = System.nanoTime() - startNs;
            final Timing parallel = render(pool, view, "local");
            printRow(parallel, serial, view);
            stdout.printf("Wall times leave out starting the pool (%d spokes READY in %d ms) and a warm-up render of " +
                "a quarter of the pixels.%n", spokes, TimeUnit.NANOSECONDS.toMillis(startedNs));
            final boolean identical = Arrays.equals(serial.pixels, parallel.pixels);
            writePng(parallel.pixels, image);
            stdout.printf("The serial and parallel images are %s; the image is in %s (%dx%d PNG).%n",
                identical ? "identical" : "DIFFERENT", image, width, height);
            final boolean retried = showFailure(pool, view, parallel.pixels, journalDirectory);
            return identical && retried ? Spm.OK : Spm.FAILED;
        }
    }

    /**
     * Options that name the pool's directories are bad input, found before any work.
     */
    private PoolBuilder validated(final PoolBuilder builder)
    {
        try
        {
            return builder.validate();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
    }

    private void checkOptions()
    {
        if (spokes < 1 || spokes > PoolLayout.MAX_SPOKES)
        {
            throw new ParameterException(spec.commandLine(), "-n must be 1 to " + PoolLayout.MAX_SPOKES + ": " +
                spokes);
        }
        if (width < 1 || width > MAX_SIDE || height < 1 || height > MAX_SIDE)
        {
            throw new ParameterException(spec.commandLine(), "--width and --height must be 1 to " + MAX_SIDE +
                ": " + width + "x" + height);
        }
        if (maxIterations < 1)
        {
            throw new ParameterException(spec.commandLine(), "--max-iterations must be at least 1: " + maxIterations);
        }
        final Path parent = imageFile.toAbsolutePath().getParent();
        if (Files.isDirectory(imageFile) || !Files.isDirectory(parent) || !Files.isWritable(parent))
        {
            throw new BadInputException("cannot write the image to " + imageFile.toAbsolutePath() + ": " +
                (Files.isDirectory(imageFile) ? "it is a directory" : parent + " is not a writable directory"));
        }
    }

    private Timing render(final Pool pool, final MandelbrotView view, final String mode)
    {
        final MandelbrotView small = view.warmUp();
        final Closure<Integer, int[]> warmUp = pool.define("mandelbrot-warm-up", small::renderBand);
        final Closure<Integer, int[]> band = pool.define("mandelbrot-band", view::renderBand);
        try (TaskFarm farm = pool.taskFarm().start())
        {
            farm.map(warmUp, IntStream.range(0, small.bands()).boxed().toList());
        }
        final List<Integer> bands = IntStream.range(0, view.bands()).boxed().toList();
        final List<int[]> rendered;
        final long elapsedNs;
        try (ProgressBar bar = new ProgressBar(spm.err(), String.format("%-6s", mode), bands.size(), spm.progress()))
        {
            final long startNs = System.nanoTime();
            try (TaskFarm farm = pool.taskFarm().onStatus(status -> countCompleted(status, bar)).start())
            {
                rendered = farm.map(band, bands);
            }
            elapsedNs = System.nanoTime() - startNs;
        }
        final int[] pixels = new int[view.width() * view.height()];
        for (int i = 0; i < rendered.size(); i++)
        {
            final int[] rows = rendered.get(i);
            System.arraycopy(rows, 0, pixels, view.firstRow(i) * view.width(), rows.length);
        }
        return new Timing(mode, pool.spokeCount(), elapsedNs, pixels);
    }

    private static void countCompleted(final TaskStatus status, final ProgressBar bar)
    {
        if (TaskStatus.State.COMPLETED == status.state())
        {
            bar.step();
        }
    }

    private void printRow(final Timing timing, final Timing serial, final MandelbrotView view)
    {
        final double seconds = timing.elapsedNs / 1e9;
        spm.out().printf("%-8s %6d %9.3f s %9.2fx %9.1f%n", timing.mode, timing.spokes, seconds,
            (double)serial.elapsedNs / timing.elapsedNs, view.bands() / seconds);
    }

    private boolean showFailure(
        final Pool pool, final MandelbrotView view, final int[] image, final Path journalDirectory) throws IOException
    {
        final List<Integer> bands = IntStream.range(0, Math.min(FAILURE_TASKS, view.bands())).boxed().toList();
        final int flakyBand = bands.size() / 2;
        final Path markers = Files.createTempDirectory("spm4j-demo-");
        final List<TaskFailure> failures = new CopyOnWriteArrayList<>();
        final List<TaskStatus> completions = new CopyOnWriteArrayList<>();
        final ErrorPolicy retryOnce = ErrorPolicy.retry(1, ErrorPolicy.failFast());
        final List<int[]> rendered;
        try
        {
            final Closure<Integer, int[]> flaky =
                pool.define("flaky-band", new FlakyBand(view, flakyBand, markers.resolve("attempted")));
            try (TaskFarm farm = pool.taskFarm()
                .errorPolicy(failure ->
                {
                    failures.add(failure);
                    return retryOnce.decide(failure);
                })
                .onStatus(status ->
                {
                    if (TaskStatus.State.COMPLETED == status.state())
                    {
                        completions.add(status);
                    }
                })
                .start())
            {
                rendered = farm.map(flaky, bands);
            }
        }
        finally
        {
            Directories.deleteRecursively(markers);
        }
        return report(failures, completions, flakyBand, rendered.get(flakyBand), view, image, journalDirectory);
    }

    private boolean report(
        final List<TaskFailure> failures,
        final List<TaskStatus> completions,
        final int flakyBand,
        final int[] retried,
        final MandelbrotView view,
        final int[] image,
        final Path journalDirectory)
    {
        final PrintStream stdout = spm.out();
        stdout.printf("%nA failing task, under the error policy 'retry once, then fail fast':%n");
        for (final TaskFailure failure : failures)
        {
            stdout.printf("  task %d (band %d), attempt %d, failed on spoke %d (pid %d): %s: %s%n", failure.taskId(),
                flakyBand, failure.attempt(), failure.spokeId(), failure.pid(), failure.remoteClass(),
                failure.remoteMessage());
        }
        final int start = view.firstRow(flakyBand) * view.width();
        final boolean matches = Arrays.equals(retried, Arrays.copyOfRange(image, start, start + retried.length));
        final List<String> retries = new ArrayList<>();
        for (final TaskStatus completion : completions)
        {
            if (!failures.isEmpty() && completion.taskId() == failures.get(0).taskId())
            {
                retries.add(String.format("  task %d (band %d), attempt %d, completed on spoke %d; its pixels %s%n",
                    completion.taskId(), flakyBand, completion.attempt(), completion.spokeId(),
                    matches ? "match the image's" : "DIFFER from the image's"));
            }
        }
        retries.forEach(stdout::print);
        if (!failures.isEmpty())
        {
            stdout.printf("  the failure's record: index %d of spoke %d in the error journal %s%n",
                failures.get(0).journalIndex(), failures.get(0).spokeId(), journalDirectory.toAbsolutePath());
            stdout.printf("  read it with: spm errors %s%n", journalDirectory.toAbsolutePath());
        }
        return 1 == failures.size() && 1 == retries.size() && matches;
    }

    private void writePng(final int[] pixels, final Path file)
    {
        if (null == System.getProperty("java.awt.headless"))
        {
            System.setProperty("java.awt.headless", "true");
        }
        final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, pixels, 0, width);
        try
        {
            if (!ImageIO.write(image, "png", file.toFile()))
            {
                throw new IllegalStateException("this JVM has no PNG writer");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the image to " + file, ex);
        }
    }

    private static Path defaultJournal()
    {
        final Path journal = Directories.userTempDirectory("demo").resolve("journal");
        Directories.deleteRecursively(journal);
        return journal;
    }

    private record Timing(String mode, int spokes, long elapsedNs, int[] pixels)
    {
    }
}

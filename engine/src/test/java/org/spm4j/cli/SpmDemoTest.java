package org.spm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spm demo} at a small size on real spokes: its table, its image, and the failure it shows.
 */
class SpmDemoTest
{
    private static final Pattern ROW = Pattern.compile("(?m)^(serial|local) +(\\d+) +[\\d.]+ s +[\\d.]+x +[\\d.]+$");
    private static final Pattern JOURNAL_INDEX =
        Pattern.compile("record: index (\\d+) of spoke \\d+ in the error journal");

    @TempDir
    private Path directory;

    @Test
    @Timeout(30)
    void shouldPrintItsTableWriteTheImageAndShowTheRetriedFailureInTheJournal() throws IOException
    {
        final Path image = directory.resolve("mandelbrot.png");
        final Path journal = directory.resolve("journal");

        final SpmRun demo = SpmRun.of("demo", "-n", "2", "--width", "200", "--height", "150",
            "--max-iterations", "300", "--out", image.toString(), "--journal", journal.toString(),
            "--root", directory.resolve("pools").toString());

        assertEquals(Spm.OK, demo.exitCode(), demo.toString());
        final Matcher rows = ROW.matcher(demo.out());
        assertTrue(rows.find(), demo.out());
        assertEquals("serial 1", rows.group(1) + " " + rows.group(2));
        assertTrue(rows.find(), demo.out());
        assertEquals("local 2", rows.group(1) + " " + rows.group(2));
        assertTrue(demo.out().contains("The serial and parallel images are identical; the image is in " + image),
            demo.out());
        final BufferedImage png = ImageIO.read(image.toFile());
        assertNotNull(png, "a PNG ImageIO can read");
        assertEquals(200, png.getWidth());
        assertEquals(150, png.getHeight());
        assertEquals(0, png.getRGB(130, 75) & 0xFFFFFF, "the centre of the main cardioid is inside the set, black");

        assertTrue(demo.out().contains("attempt 1, failed on spoke"), demo.out());
        assertTrue(demo.out().contains("attempt 2, completed on spoke"), demo.out());
        final Matcher index = JOURNAL_INDEX.matcher(demo.out());
        assertTrue(index.find(), demo.out());

        final SpmRun errors = SpmRun.of("errors", journal.toString());
        assertEquals(Spm.OK, errors.exitCode(), errors.toString());
        assertTrue(errors.out().startsWith("journal index " + index.group(1) + ": TASK_FAILED at "), errors.out());
        assertTrue(errors.out().contains("closure 'flaky-band'"), errors.out());
        assertTrue(errors.out().matches(
            "(?s).*java.lang.IllegalStateException: band \\d+ fails on its first attempt.*"), errors.out());
        assertTrue(errors.out().contains("at org.spm4j.cli.demo.FlakyBand.apply("), errors.out());
        assertTrue(errors.out().endsWith("1 record in " + journal + System.lineSeparator()), errors.out());
    }
}

package org.spm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The progress bar draws in place on a terminal and stays silent otherwise.
 */
class ProgressBarTest
{
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);

    @Test
    @Timeout(10)
    void shouldRedrawInPlaceWithTheTimeLeftAndEndOnALineOfItsOwn()
    {
        final long[] nowNs = {0};
        try (ProgressBar bar = new ProgressBar(stream, "shell", 4, true, () -> nowNs[0]))
        {
            nowNs[0] = TimeUnit.SECONDS.toNanos(5);
            bar.step(true, 2);
            bar.clear();
            stream.print("a block of output\n");
            bar.redraw();
            nowNs[0] = TimeUnit.SECONDS.toNanos(3700);
            bar.step(false, 1);
            bar.step(false, 0);
            bar.step(false, 0);
        }

        final String drawn = err.toString(StandardCharsets.UTF_8);
        final String quarter =
            "\r\033[Kshell [=======>                      ] 1/4 25%, 1 failed, 2 running, 0:05, ETA 0:15";
        assertTrue(drawn.startsWith(quarter + "\r\033[Ka block of output\n" + quarter), drawn);
        assertTrue(drawn.endsWith("\r\033[Kshell [==============================] 4/4 100%, 1 failed, 1:01:40\n"),
            drawn);
    }

    @Test
    @Timeout(10)
    void shouldDrawNothingWhenDisabled()
    {
        try (ProgressBar bar = new ProgressBar(stream, "demo", 2, false))
        {
            bar.step();
            bar.clear();
            bar.redraw();
            bar.step();
        }

        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}

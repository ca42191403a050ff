package org.spm4j.internal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spm4j.OutputFloodHub;
import org.spm4j.shm.test.ChildJvm;

/**
 * A spoke's output passed on within bounds: lines cut at the limit with a note, a rate past which lines are
 * dropped with one note a second, a failure reported once and the pump going on; and, in a hub of 256 MB, a
 * spoke's 200 MB line followed by more output.
 */
class SpokeOutputPumpTest
{
    private static final int MEGABYTE = 1 << 20;
    private static final String PREFIX = "[spoke 3] ";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    private final AtomicLong nowNs = new AtomicLong();

    @TempDir
    private Path root;

    @Test
    void shouldCutA20MegabyteLineAndPassOnTheLineAfterIt()
    {
        final List<String> seen = new ArrayList<>();

        pump(new Script().add(0, 20 * MEGABYTE, 'x').add(0, "\nafter\n"), OutputRate.DEFAULT_BYTES_PER_SECOND,
            seen::add);

        assertEquals(List.of(
            PREFIX + "x".repeat(SpokeOutputPump.LINE_LIMIT),
            PREFIX + "... (" + (20 * MEGABYTE - SpokeOutputPump.LINE_LIMIT) + " more bytes of this line cut)",
            PREFIX + "after"), lines(out));
        assertEquals(List.of("x".repeat(SpokeOutputPump.LINE_LIMIT), "after"), seen);
        assertEquals("", diagnostics.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8192})
    void shouldEndLinesAtLineFeedCarriageReturnOrBothAndPassOnALastLineWithoutEnd(final int readLength)
    {
        final String limit = "y".repeat(SpokeOutputPump.LINE_LIMIT);

        pump(new Script().add(0, "a\nb\r\nc\rd\n\n" + limit + "\n" + limit + "z\r\nlast").readAtMost(readLength),
            OutputRate.DEFAULT_BYTES_PER_SECOND, line -> { });

        assertEquals(List.of(PREFIX + "a", PREFIX + "b", PREFIX + "c", PREFIX + "d", PREFIX, PREFIX + limit,
            PREFIX + limit, PREFIX + "... (1 more bytes of this line cut)", PREFIX + "last"), lines(out));
    }

    @Test
    void shouldDropLinesOverTheRateUntilTheNextSecondAndSayHowMuchOnce()
    {
        final long second = TimeUnit.SECONDS.toNanos(1);
        final Script script = new Script();
        for (int i = 0; i < 15; i++)
        {
            script.add(i * 1000L, "line " + (char)('a' + i) + "\n");
        }
        script.add(second, "next second\n").add(second + 1, "x".repeat(100) + "\n").add(second + 2, "gone\n");

        pump(script, 35, line -> { });

        assertEquals(List.of(
            PREFIX + "line a", PREFIX + "line b", PREFIX + "line c", PREFIX + "line d", PREFIX + "line e",
            PREFIX + "... (10 lines, 70 bytes dropped: output over 35 bytes a second)",
            PREFIX + "next second",
            PREFIX + "... (2 lines, 106 bytes dropped: output over 35 bytes a second)"), lines(out));
    }

    @Test
    void shouldReportAFailureOnceAndGoOnWithTheNextLine()
    {
        pump(new Script().add(0, "bad 1\nok 1\nbad 2\nok 2"), OutputRate.DEFAULT_BYTES_PER_SECOND, line ->
        {
            if (line.startsWith("bad"))
            {
                throw new IllegalStateException("cannot take " + line);
            }
        });

        assertEquals(List.of(PREFIX + "ok 1", PREFIX + "ok 2"), lines(out));
        assertEquals(List.of("spm4j: passing on the output of spoke 3 failed; what it was passing on is dropped and " +
            "it goes on with the rest (reported once): java.lang.IllegalStateException: cannot take bad 1"),
            lines(diagnostics));
    }

    @Test
    @Timeout(120)
    void shouldPassOnASpokesOutputAfterA200MegabyteLineInAHubOf256Megabytes() throws Exception
    {
        final int megabytes = 200;
        try (ChildJvm hub = ChildJvm.start(OutputFloodHub.class, root.toString(), Integer.toString(megabytes)))
        {
            final String head = hub.awaitLine("[spoke 0] xxx", Duration.ofSeconds(60));
            assertEquals("[spoke 0] " + "x".repeat(SpokeOutputPump.LINE_LIMIT), head);
            assertEquals("[spoke 0] ... (" + ((long)megabytes * MEGABYTE - SpokeOutputPump.LINE_LIMIT) +
                " more bytes of this line cut)", hub.awaitLine("[spoke 0] ", Duration.ofSeconds(30)));
            hub.awaitLine("[spoke 0] after the flood", Duration.ofSeconds(30));
            hub.awaitLine("CLOSED", Duration.ofSeconds(30));
        }
    }

    private void pump(final Script script, final int bytesPerSecond, final Consumer<String> onLine)
    {
        final OutputRate rate = new OutputRate(bytesPerSecond, nowNs::get);
        new SpokeOutputPump(script, printStream(out), printStream(diagnostics), "spoke 3", rate, onLine).run();
    }

    private static PrintStream printStream(final ByteArrayOutputStream bytes)
    {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static List<String> lines(final ByteArrayOutputStream bytes)
    {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /**
     * A stream of segments, each read at its time: the clock is set to it as its first byte is read. Large
     * segments are generated, not held.
     */
    private final class Script extends InputStream
    {
        private final List<long[]> times = new ArrayList<>();
        private final List<byte[]> patterns = new ArrayList<>();
        private int segment;
        private long offset;
        private int readAtMost = Integer.MAX_VALUE;

        Script add(final long timeNs, final String text)
        {
            final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            times.add(new long[] {timeNs, bytes.length});
            patterns.add(bytes);
            return this;
        }

        Script add(final long timeNs, final long length, final char fill)
        {
            times.add(new long[] {timeNs, length});
            patterns.add(new byte[] {(byte)fill});
            return this;
        }

        Script readAtMost(final int length)
        {
            readAtMost = length;
            return this;
        }

        @Override
        public int read()
        {
            final byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(final byte[] buffer, final int bufferOffset, final int length)
        {
            if (segment == times.size())
            {
                return -1;
            }
            nowNs.set(times.get(segment)[0]);
            final long left = times.get(segment)[1] - offset;
            final int count = (int)Math.min(Math.min(left, length), readAtMost);
            final byte[] pattern = patterns.get(segment);
            for (int i = 0; i < count; i++)
            {
                buffer[bufferOffset + i] = pattern[(int)((offset + i) % pattern.length)];
            }
            offset += count;
            if (offset == times.get(segment)[1])
            {
                segment++;
                offset = 0;
            }
            return count;
        }
    }
}

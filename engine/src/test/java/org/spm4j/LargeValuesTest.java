package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spm4j.PoolProbe.BOUND;
import static org.spm4j.ValueSegmentFiles.assertNoSegmentLeft;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spm4j.shm.ValueDescriptor;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.journal.ErrorRecord;

/**
 * Arguments and results too large for a message travel through segments in the pool directory, on serial and local
 * pools alike and with the default options: they arrive whole, a retry reads the same argument, and no segment is
 * left once the run ends ({@link ValueSegmentLifetimeTest} has what may happen meanwhile to the spoke that wrote
 * one; {@link NothingLeft} checks the pool root once the pool is closed).
 */
class LargeValuesTest
{
    private static final int LARGE = 256 * 1024 * 1024;
    private static final int MEDIUM = 8 * 1024 * 1024;

    @RegisterExtension
    final NothingLeft left = new NothingLeft();

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(180)
    void shouldRoundTripAnArgumentAndAResultOf256Megabytes(final PoolKind kind) throws Exception
    {
        final long expected = SeededBytes.crcOf(LARGE, 1, true);
        try (Pool pool = kind.start(left.pools()))
        {
            final Closure<byte[], byte[]> inverted = pool.define("inverted", SeededBytes::invert);
            final byte[] result;
            try (TaskFarm farm = pool.taskFarm().start())
            {
                result = farm.submit(inverted, SeededBytes.of(LARGE, 1)).get(BOUND.toSeconds(), TimeUnit.SECONDS);
                assertNoSegmentLeft(left, pool);
            }

            assertEquals(LARGE, result.length);
            assertEquals(expected, SeededBytes.crc(result));
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(180)
    void shouldRoundTripAMapOfSmallAndLargeElementsInOrder(final PoolKind kind)
    {
        final int[] lengths = { 10, 200_000, 3, 64 * 1024 * 1024, 1_000_000, 0, 130_000, 131_100, 17 };
        final List<byte[]> arguments = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++)
        {
            arguments.add(SeededBytes.of(lengths[i], i + 2));
        }
        try (Pool pool = kind.start(left.pools()))
        {
            final Closure<byte[], byte[]> inverted = pool.define("inverted", SeededBytes::invert);
            try (TaskFarm farm = pool.taskFarm().start())
            {
                final List<byte[]> results = farm.map(inverted, arguments);

                for (int i = 0; i < lengths.length; i++)
                {
                    assertEquals(lengths[i], results.get(i).length, "element " + i);
                    assertEquals(SeededBytes.crcOf(lengths[i], i + 2, true), SeededBytes.crc(results.get(i)),
                        "element " + i);
                }
                assertNoSegmentLeft(left, pool);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(180)
    void shouldRoundTripLargeValuesThroughAUserCodec(final PoolKind kind) throws Exception
    {
        final String text = "spm4j ".repeat(MEDIUM);
        try (Pool pool = kind.builder(left.pools()).codec(TextCodec.class).build())
        {
            final Closure<String, String> shout = pool.define("shout", (String words) -> words.toUpperCase());
            try (TaskFarm farm = pool.taskFarm().start())
            {
                final String result = farm.submit(shout, text).get(BOUND.toSeconds(), TimeUnit.SECONDS);

                assertEquals(text.toUpperCase(), result);
                assertNoSegmentLeft(left, pool);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(120)
    void shouldGiveEveryRankOfACrewTheSameLargeArgument(final PoolKind kind)
    {
        final long expected = SeededBytes.crcOf(MEDIUM, 5, false);
        try (Pool pool = kind.start(left.pools()))
        {
            final Closure<byte[], Long> checksum = pool.define("checksum", SeededBytes::crc);
            try (Crew crew = pool.crew().size(2).start())
            {
                assertEquals(List.of(expected, expected), crew.run(checksum, SeededBytes.of(MEDIUM, 5)));
                assertNoSegmentLeft(left, pool);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(120)
    void shouldReadTheSameLargeArgumentWhenAFailedTaskIsRetried(final PoolKind kind)
    {
        final String marker = left.root().resolve("failed once").toString();
        try (Pool pool = kind.start(left.pools()))
        {
            final Closure<byte[], Long> failsOnce = pool.define("failsOnce", (byte[] bytes) ->
            {
                if (new File(marker).createNewFile())
                {
                    throw new IllegalStateException("the first attempt fails");
                }
                return SeededBytes.crc(bytes);
            });
            try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.retry(1, ErrorPolicy.failFast())).start())
            {
                assertEquals(List.of(SeededBytes.crcOf(MEDIUM, 3, false)),
                    farm.map(failsOnce, List.of(SeededBytes.of(MEDIUM, 3))));
                assertNoSegmentLeft(left, pool);
            }
            final ErrorRecord record = PoolProbe.awaitRecord(pool, ErrorKind.TASK_FAILED, "the first attempt fails");
            assertKeeps(SeededBytes.of(MEDIUM, 3), record);
        }
    }

    @Test
    @Timeout(120)
    void shouldReadTheSameLargeArgumentWhenATaskWhoseSpokeDiedIsRetried()
    {
        final String marker = left.root().resolve("died once").toString();
        try (Pool pool = PoolKind.LOCAL.start(left.pools()))
        {
            final Closure<byte[], Long> diesOnce = pool.define("diesOnce", (byte[] bytes) ->
            {
                if (new File(marker).createNewFile())
                {
                    Runtime.getRuntime().halt(9);
                }
                return SeededBytes.crc(bytes);
            });
            try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.retry(1, ErrorPolicy.failFast())).start())
            {
                assertEquals(List.of(SeededBytes.crcOf(MEDIUM, 4, false)),
                    farm.map(diesOnce, List.of(SeededBytes.of(MEDIUM, 4))));
                assertNoSegmentLeft(left, pool);
            }
            final ErrorRecord record = PoolProbe.awaitRecord(pool, ErrorKind.SPOKE_CRASHED, "while running task");
            assertKeeps(SeededBytes.of(MEDIUM, 4), record);
        }
    }

    /**
     * Cancelling the future {@code submit} returned ends no task, so a task with a large argument, queued behind
     * another on the one spoke, still reads it when its turn comes.
     */
    @Test
    @Timeout(60)
    void shouldRunATaskWithALargeArgumentWhoseFutureTheCallerCancelled() throws Exception
    {
        final String released = left.root().resolve("released").toString();
        try (Pool pool = Pool.builder().spokes(1).root(left.pools()).build())
        {
            final Closure<byte[], Long> checksum = pool.define("checksumWhenReleased", (byte[] bytes) ->
            {
                final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!new File(released).exists() && System.nanoTime() < deadlineNs)
                {
                    Thread.sleep(5);
                }
                return SeededBytes.crc(bytes);
            });
            try (TaskFarm farm = pool.taskFarm().window(2).start())
            {
                final CompletableFuture<Long> first = farm.submit(checksum, SeededBytes.of(10, 1));
                final CompletableFuture<Long> cancelled = farm.submit(checksum, SeededBytes.of(MEDIUM, 2));
                assertTrue(cancelled.cancel(false));
                assertTrue(new File(released).createNewFile());

                assertEquals(SeededBytes.crcOf(10, 1, false), first.get(BOUND.toSeconds(), TimeUnit.SECONDS));
            }
            assertNoSegmentLeft(left, pool);
        }
    }

    private static void assertKeeps(final byte[] argument, final ErrorRecord record)
    {
        final byte[] kept = record.argumentBytes();
        assertEquals(ValueDescriptor.INLINE, kept[0], "the form of the kept argument");
        assertEquals(1 + 1 + argument.length, kept.length, "its form, the default codec's tag and the bytes");
        assertEquals(SeededBytes.crc(argument), SeededBytes.crc(Arrays.copyOfRange(kept, 2, kept.length)));
    }
}

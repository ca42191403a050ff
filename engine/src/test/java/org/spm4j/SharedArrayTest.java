package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spm4j.shm.test.ChildJvm;

/**
 * Shared arrays on serial and local pools: read in place by tasks, written slice by slice, retried slices rewritten,
 * freed on close, on the pool's close and after the hub's death.
 */
class SharedArrayTest
{
    private static final int SLICES = 7;

    @RegisterExtension
    final NothingLeft left = new NothingLeft();

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(120)
    void shouldSumSlicesInTasksExactlyAsTheHubDoes(final PoolKind kind)
    {
        final double[] values = new Random(42).doubles(1_000_003).toArray();
        try (Pool pool = kind.start(left.pools()))
        {
            final SharedDoubles shared = pool.share(values);
            final Closure<SharedDoubles, Double> sum = pool.define("sum", SharedArrayTest::sum);
            final Closure<int[], Double> sumOfCaptured = pool.define("sum of captured", (int[] range) ->
                sum(shared.slice(range[0], range[1])));
            final List<SharedDoubles> slices = new ArrayList<>();
            final List<int[]> ranges = new ArrayList<>();
            final List<Double> expected = new ArrayList<>();
            for (int slice = 0; slice < SLICES; slice++)
            {
                final int from = slice * values.length / SLICES;
                final int to = (slice + 1) * values.length / SLICES;
                slices.add(shared.slice(from, to));
                ranges.add(new int[] {from, to});
                double total = 0;
                for (int i = from; i < to; i++)
                {
                    total += values[i];
                }
                expected.add(total);
            }
            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertEquals(expected, farm.map(sum, slices), "slices as arguments");
                assertEquals(expected, farm.map(sumOfCaptured, ranges), "an array captured by the closure");
            }
            assertArrayEquals(values, shared.toArray());
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(120)
    void shouldFillAWritableArraySliceBySliceForTheHubToReadInPlace(final PoolKind kind)
    {
        try (Pool pool = kind.start(left.pools()))
        {
            final SharedLongs squares = pool.allocateLongs(100_000);
            final Closure<SharedLongs, Integer> fill = pool.define("fill", SharedArrayTest::fillWithSquares);
            final List<SharedLongs> slices = slicesOf(squares);
            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertEquals(slices.stream().map(SharedArray::length).toList(), farm.map(fill, slices));
            }
            for (int i = 0; i < squares.length(); i++)
            {
                assertEquals((long)i * i, squares.get(i), "element " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(120)
    void shouldRewriteARetriedSliceEntirely(final PoolKind kind) throws Exception
    {
        final String markers = Files.createDirectory(left.root().resolve("markers")).toString();
        try (Pool pool = kind.start(left.pools()))
        {
            final SharedLongs squares = pool.allocateLongs(10_000);
            final Closure<SharedLongs, Integer> fill = pool.define("fails once", (SharedLongs slice) ->
            {
                if (slice.offset() > 0 && Files.notExists(Path.of(markers, "" + slice.offset())))
                {
                    Files.createFile(Path.of(markers, "" + slice.offset()));
                    for (int i = 0; i < slice.length(); i++)
                    {
                        slice.set(i, -1);
                    }
                    throw new IllegalStateException("half way");
                }
                return fillWithSquares(slice);
            });
            try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.retry(1, ErrorPolicy.failFast())).start())
            {
                farm.map(fill, slicesOf(squares));
            }
            for (int i = 0; i < squares.length(); i++)
            {
                assertEquals((long)i * i, squares.get(i), "element " + i);
            }
            try (var attempts = Files.list(Path.of(markers)))
            {
                assertEquals(SLICES - 1, attempts.count(), "every slice but the first failed once");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(120)
    void shouldRefuseWritesToAReadOnlyArrayAndOutsideASlice(final PoolKind kind)
    {
        try (Pool pool = kind.start(left.pools()))
        {
            final SharedInts shared = pool.share(new int[] {1, 2, 3});
            final SharedInts counts = pool.allocateInts(10);
            final UnsupportedOperationException readOnly =
                assertThrows(UnsupportedOperationException.class, () -> shared.set(0, 7));
            assertTrue(readOnly.getMessage().contains("read-only"), readOnly.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> counts.slice(2, 4).set(2, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> counts.slice(8, 11));

            final Closure<SharedInts, Integer> overrun = pool.define("overrun", (SharedInts slice) ->
            {
                slice.set(slice.length(), 1);
                return 0;
            });
            try (TaskFarm farm = pool.taskFarm().start())
            {
                final ParallelException ex = assertThrows(ParallelException.class,
                    () -> farm.map(overrun, List.of(counts.slice(0, 5))));
                assertEquals(IndexOutOfBoundsException.class.getName(), ex.failures().get(0).remoteClass());
            }
            assertArrayEquals(new int[10], counts.toArray(), "a refused write writes nothing");
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(120)
    void shouldFreeAnArrayOnCloseAndThoseLeftOpenWithThePool(final PoolKind kind) throws IOException
    {
        final Path leftOpen;
        try (Pool pool = kind.start(left.pools()))
        {
            final SharedBytes bytes = pool.share(new byte[] {1, 2, 3});
            final Path file = Path.of(bytes.path());
            assertTrue(Files.exists(file));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
            assertThrows(IllegalStateException.class, () -> bytes.slice(0, 1).close());
            bytes.close();
            bytes.close();
            assertFalse(Files.exists(file));
            final IllegalStateException closed = assertThrows(IllegalStateException.class, () -> bytes.get(0));
            assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
            leftOpen = Path.of(pool.allocateDoubles(1000).path());
            assertTrue(Files.exists(leftOpen));
        }
        assertFalse(Files.exists(leftOpen));
    }

    @Test
    @Timeout(60)
    void shouldCopyRangesInAndOutInBulkWithinTheirBounds()
    {
        try (Pool pool = Pool.builder().serial().root(left.pools()).build())
        {
            final SharedDoubles array = pool.allocateDoubles(6);
            array.slice(1, 5).set(1, new double[] {9, 1, 2, 3, 9}, 1, 3);
            final double[] out = new double[8];
            array.get(0, out, 2, 6);
            assertArrayEquals(new double[] {0, 0, 0, 0, 1, 2, 3, 0}, out);
            assertThrows(IndexOutOfBoundsException.class, () -> array.slice(1, 5).set(2, new double[3], 0, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> array.get(0, new double[2], 0, 3));
            assertThrows(UnsupportedOperationException.class,
                () -> pool.share(new long[2]).set(0, new long[] {1}, 0, 1));
            assertArrayEquals(new double[] {0, 0, 1, 2, 3, 0}, array.toArray(), "nothing written by a refused copy");
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(120)
    void shouldFailATaskGivenAClosedArrayNamingIt(final PoolKind kind)
    {
        try (Pool pool = kind.start(left.pools()))
        {
            final SharedDoubles closed = pool.share(new double[] {1, 2, 3});
            closed.close();
            final Closure<SharedDoubles, Double> sum = pool.define("sum", SharedArrayTest::sum);
            try (TaskFarm farm = pool.taskFarm().start())
            {
                final ParallelException ex =
                    assertThrows(ParallelException.class, () -> farm.map(sum, List.of(closed.slice(0, 3))));
                assertTrue(ex.failures().get(0).remoteMessage().contains("shared array " + closed.path() +
                    " is gone"), ex.failures().get(0).remoteMessage());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(120)
    void shouldRoundTripEveryElementTypeThroughATask(final PoolKind kind)
    {
        final Random random = new Random(7);
        final long[] longs = random.longs(1001).toArray();
        final int[] ints = random.ints(1002).toArray();
        final byte[] bytes = new byte[1003];
        random.nextBytes(bytes);
        try (Pool pool = kind.start(left.pools()))
        {
            final Closure<SharedArray, String> copy = pool.define("copy", SharedArrayTest::copyAsText);
            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertEquals(
                    List.of(Arrays.toString(longs), Arrays.toString(ints),
                        Arrays.toString(bytes), "[]"),
                    farm.map(copy, List.of(pool.share(longs), pool.share(ints), pool.share(bytes),
                        pool.allocateDoubles(0))));
            }
        }
    }

    @Test
    @Timeout(120)
    void shouldLetTwoSpokesReadA256MbArrayWithoutCopyingItOntoTheirHeaps()
    {
        final double[] values = new double[32 << 20];
        Arrays.setAll(values, i -> i % 1000);
        double expected = 0;
        for (final double value : values)
        {
            expected += value;
        }
        try (Pool pool = Pool.builder().spokes(2).root(left.pools()).build())
        {
            final SharedDoubles shared = pool.share(values);
            final Closure<Integer, double[]> sumAndHeap = pool.define("sum and heap", (Integer ignored) ->
            {
                final double total = sum(shared);
                System.gc();
                return new double[] {total, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()};
            });
            try (Crew crew = pool.crew().start())
            {
                final List<double[]> ranks = crew.run(sumAndHeap, 0);
                assertEquals(2, ranks.size());
                for (final double[] rank : ranks)
                {
                    assertEquals(expected, rank[0]);
                    assertTrue(rank[1] < values.length * (double)Double.BYTES / 4,
                        "a spoke's heap holds " + rank[1] + " bytes after reading a 256 MiB array");
                }
            }
        }
    }

    @Test
    @Timeout(120)
    void shouldGiveTheExactArrayWhenASpokeIsKilledMidWriteAndItsTaskRetried() throws Exception
    {
        final String markers = Files.createDirectory(left.root().resolve("markers")).toString();
        try (Pool pool = Pool.builder().spokes(2).root(left.pools()).build())
        {
            final SharedLongs squares = pool.allocateLongs(1_000_000);
            final Closure<SharedLongs, Integer> fill = pool.define("dies once", (SharedLongs slice) ->
            {
                if (3 == slice.offset() * SLICES / 1_000_000 && Files.notExists(Path.of(markers, "died")))
                {
                    Files.createFile(Path.of(markers, "died"));
                    for (int i = 0; i < slice.length() / 2; i++)
                    {
                        slice.set(i, -1);
                    }
                    Runtime.getRuntime().halt(3);
                }
                return fillWithSquares(slice);
            });
            try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.retry(1, ErrorPolicy.failFast())).start())
            {
                farm.map(fill, slicesOf(squares));
            }
            assertTrue(Files.exists(Path.of(markers, "died")));
            assertEquals(1, PoolProbe.spokesLost(pool));
            for (int i = 0; i < squares.length(); i++)
            {
                assertEquals((long)i * i, squares.get(i), "element " + i);
            }
        }
    }

    @Test
    @Timeout(90)
    void shouldLeaveNoArrayBehindAHubThatDiedOnceTheNextPoolStarts() throws Exception
    {
        final Path array;
        // what this JVM ran before (a shell farm's reaper lives as long as it) is not the dead hub's
        final Set<Long> before = ProcessHandle.current().descendants().map(ProcessHandle::pid)
            .collect(Collectors.toSet());
        try (ChildJvm hub = ChildJvm.start(HubProgram.class, left.pools().toString(), "shared"))
        {
            array = Path.of(hub.awaitLine("SHARED ", Duration.ofSeconds(40)).substring("SHARED ".length()));
            hub.kill();
        }
        assertTrue(Files.exists(array), "a SIGKILLed hub cannot free its arrays");
        PoolProbe.awaitTrue(() -> ProcessHandle.current().descendants()
            .noneMatch(process -> process.isAlive() && !before.contains(process.pid())), "the dead hub's spokes gone");
        try (Pool next = Pool.builder().spokes(1).root(left.pools()).build())
        {
            assertFalse(Files.exists(array), "the next pool start removes the dead hub's arrays");
            assertEquals(1, next.spokeCount());
        }
    }

    private static double sum(final SharedDoubles slice)
    {
        double total = 0;
        for (int i = 0; i < slice.length(); i++)
        {
            total += slice.get(i);
        }
        return total;
    }

    private static String copyAsText(final SharedArray array)
    {
        if (array instanceof SharedLongs longs)
        {
            return Arrays.toString(longs.toArray());
        }
        if (array instanceof SharedInts ints)
        {
            return Arrays.toString(ints.toArray());
        }
        if (array instanceof SharedBytes bytes)
        {
            return Arrays.toString(bytes.toArray());
        }
        return Arrays.toString(((SharedDoubles)array).toArray());
    }

    private static int fillWithSquares(final SharedLongs slice)
    {
        for (int i = 0; i < slice.length(); i++)
        {
            final long index = slice.offset() + i;
            slice.set(i, index * index);
        }
        return slice.length();
    }

    private static List<SharedLongs> slicesOf(final SharedLongs array)
    {
        final List<SharedLongs> slices = new ArrayList<>();
        for (int slice = 0; slice < SLICES; slice++)
        {
            slices.add(array.slice(slice * array.length() / SLICES, (slice + 1) * array.length() / SLICES));
        }
        return slices;
    }
}

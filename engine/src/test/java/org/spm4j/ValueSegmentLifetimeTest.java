package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spm4j.PoolProbe.BOUND;
import static org.spm4j.ValueSegmentFiles.assertNoSegmentLeft;
import static org.spm4j.ValueSegmentFiles.filesIn;
import static org.spm4j.ValueSegmentFiles.valuesOf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.ValueDescriptor;
import org.spm4j.shm.ValueSegments;
import org.spm4j.shm.mailbox.ElementPayloads;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageSender;
import org.spm4j.shm.mailbox.TaskOutcome;

/**
 * No value segment is left once a run ends, whatever happened to the spoke that wrote one: killed while it wrote a
 * result or once it had, stopped and killed at its task's deadline, or its status dropped by the hub
 * ({@link NothingLeft} checks the pool root once the pool is closed).
 */
class ValueSegmentLifetimeTest
{
    private static final int LARGE = 256 * 1024 * 1024;
    private static final int MEDIUM = 8 * 1024 * 1024;

    @RegisterExtension
    final NothingLeft left = new NothingLeft();

    /**
     * The spoke is killed as soon as the segment of its result appears, while it writes it, or once the segment is
     * whole, before or after its status went. Whichever, the task ends as the policy says (retried, or failed if it
     * had not reported its result) and the segment goes.
     */
    @ParameterizedTest
    @CsvSource({ "false, true", "true, true", "false, false", "true, false" })
    @Timeout(180)
    void shouldLeaveNoSegmentWhenTheSpokeWritingALargeResultIsKilled(final boolean whenWhole, final boolean retried)
        throws Exception
    {
        try (Pool pool = PoolKind.LOCAL.start(left.pools()))
        {
            final Closure<Integer, byte[]> large = pool.define("large", (Integer seed) -> SeededBytes.of(LARGE, seed));
            final AtomicLong killed = new AtomicLong();
            final Thread killer = new Thread(() -> killed.set(killWriterOfTheFirstSpokeSegment(valuesOf(left, pool),
                whenWhole ? LARGE + 1 : 0)));
            killer.start();
            final ErrorPolicy policy = retried ? ErrorPolicy.retry(1, ErrorPolicy.failFast()) : ErrorPolicy.failFast();
            try (TaskFarm farm = pool.taskFarm().errorPolicy(policy).start())
            {
                final CompletableFuture<byte[]> result = farm.submit(large, 6);
                try
                {
                    assertEquals(SeededBytes.crcOf(LARGE, 6, false),
                        SeededBytes.crc(result.get(BOUND.toSeconds(), TimeUnit.SECONDS)));
                }
                catch (final ExecutionException ex)
                {
                    assertFalse(retried, "a retried task failed: " + ex);
                    final ParallelException failed = (ParallelException)ex.getCause();
                    assertEquals(FailureKind.SPOKE_CRASHED, failed.failures().get(0).kind(), failed.toString());
                }
                killer.join(BOUND.toMillis());
                assertTrue(killed.get() > 0, "no spoke was killed");
                assertNoSegmentLeft(left, pool);
            }
            catch (final ParallelException closing)
            {
                assertFalse(retried, "a retried task failed: " + closing);
            }
            finally
            {
                killer.interrupt();
            }
        }
    }

    /**
     * The spoke is stopped (SIGSTOP) as soon as the segment of its result appears, so it is half written when the
     * task's deadline kills the spoke; the segment goes before the task fails.
     */
    @Test
    @Timeout(120)
    void shouldLeaveNoSegmentWhenASpokeStoppedWhileWritingALargeResultIsKilledAtItsDeadline() throws Exception
    {
        try (Pool pool = PoolKind.LOCAL.start(left.pools()))
        {
            final Closure<Integer, byte[]> sevens = pool.define("sevens", (Integer length) ->
            {
                final byte[] bytes = new byte[length];
                Arrays.fill(bytes, (byte)7);
                return bytes;
            });
            try (TaskFarm farm = pool.taskFarm().deadline(Duration.ofSeconds(5)).start())
            {
                final CompletableFuture<byte[]> result = farm.submit(sevens, LARGE);
                final Path segment = awaitSpokeSegment(valuesOf(left, pool));
                assertTrue(null != segment, "no spoke wrote a segment");
                PoolProbe.signal("STOP", Long.parseLong(segment.getFileName().toString().split("-")[2]));

                final ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> result.get(BOUND.toSeconds(), TimeUnit.SECONDS));
                assertEquals(FailureKind.DEADLINE_EXCEEDED,
                    ((ParallelException)failed.getCause()).failures().get(0).kind());
                assertNoSegmentLeft(left, pool);
            }
            catch (final ParallelException closing)
            {
                assertEquals(FailureKind.DEADLINE_EXCEEDED, closing.failures().get(0).kind());
            }
        }
    }

    /**
     * A serial pool judges a deadline when the task returns: a large result of a task that overran it is dropped,
     * its segment with it.
     */
    @Test
    @Timeout(60)
    void shouldDropTheSegmentOfTheResultOfATaskThatOverranItsDeadlineOnASerialPool()
    {
        try (Pool pool = PoolKind.SERIAL.start(left.pools()))
        {
            final Closure<Integer, byte[]> slow = pool.define("slow", (Integer seed) ->
            {
                Thread.sleep(300);
                return SeededBytes.of(MEDIUM, seed);
            });
            try (TaskFarm farm = pool.taskFarm().deadline(Duration.ofMillis(100)).start())
            {
                final ParallelException failed = assertThrows(ParallelException.class,
                    () -> farm.map(slow, List.of(1)));

                assertEquals(FailureKind.DEADLINE_EXCEEDED, failed.failures().get(0).kind());
                assertNoSegmentLeft(left, pool);
            }
        }
    }

    /**
     * Statuses the hub drops, forged into spokes' outboxes while both spokes are blocked in a task: a result and a
     * chunk's part for tasks the hub does not know, and a result for a running attempt from a spoke it was not
     * sent to. The segments they reference go all the same.
     */
    @Test
    @Timeout(60)
    void shouldDeleteTheSegmentsOfResultsInStatusesTheHubDrops() throws Exception
    {
        final String markers = Files.createDirectory(left.root().resolve("markers")).toString();
        try (Pool pool = PoolKind.LOCAL.start(left.pools()))
        {
            final Closure<Integer, Integer> blocked = pool.define("blocked", (Integer x) ->
                BlockedTasks.blockEachUntilReleased(markers, x));
            try (TaskFarm farm = pool.taskFarm().start())
            {
                final List<CompletableFuture<Integer>> results = Stream.of(0, 1, 2, 3)
                    .map(argument -> farm.submit(blocked, argument)).toList();
                BlockedTasks.awaitBusySpokes(markers, 2);
                final PoolDirectory directory = PoolDirectory.of(left.pools().resolve(pool.id()));
                try (PoolFile poolFile = PoolFile.openWithoutLivenessCheck(directory.poolFile()))
                {
                    final long running = poolFile.spokeSlot(0).currentTaskVolatile();
                    final ExpandableArrayBuffer reference = new ExpandableArrayBuffer();
                    final ExpandableArrayBuffer part = new ExpandableArrayBuffer();
                    forge(poolFile, 0, running + 1_000_000, TaskOutcome.OK, reference,
                        referenceTo(directory, 0, reference));
                    final int entry = ElementPayloads.putCompleted(part, 0, reference,
                        referenceTo(directory, 0, reference));
                    forge(poolFile, 0, ElementPayloads.chunkId(running + 2_000_000), TaskOutcome.ELEMENTS, part,
                        entry + ElementPayloads.putEnd(part, entry, 1));
                    forge(poolFile, 1, running, TaskOutcome.OK, reference, referenceTo(directory, 1, reference));
                    PoolProbe.awaitTrue(() -> filesIn(valuesOf(left, pool)).isEmpty(),
                        "the forged results' segments go");
                }
                BlockedTasks.release(markers);

                for (int i = 0; i < results.size(); i++)
                {
                    assertEquals(i, results.get(i).get(BOUND.toSeconds(), TimeUnit.SECONDS));
                }
            }
        }
    }

    /**
     * @return the length of a reference, written to {@code buffer}, to a new segment named as the spoke names it.
     */
    private static int referenceTo(final PoolDirectory pool, final int spokeId, final ExpandableArrayBuffer buffer)
    {
        final byte[] bytes = SeededBytes.of(1_000, spokeId);
        final String name = ValueSegments.ofSpoke(pool, spokeId).write(bytes, 0, bytes.length);
        return ValueDescriptor.putReference(buffer, 0, bytes.length, name);
    }

    /**
     * A status in a spoke's outbox, as if that spoke sent it; the spoke must be blocked in a task meanwhile.
     */
    private static void forge(
        final PoolFile poolFile, final int spokeId, final long taskId, final TaskOutcome outcome,
        final DirectBuffer payload, final int length)
    {
        assertTrue(new MessageSender().sendStatus(Inbox.outboxOf(poolFile, spokeId), taskId, 1, spokeId, outcome,
            0, payload, 0, length), "the outbox is full");
    }

    /**
     * @param length how long the segment must be first: 0 for at once; it is killed too if it went meanwhile.
     * @return the pid killed, 0 if none was.
     */
    private static long killWriterOfTheFirstSpokeSegment(final Path values, final long length)
    {
        final Path segment = awaitSpokeSegment(values);
        if (null == segment)
        {
            return 0;
        }
        final long pid = Long.parseLong(segment.getFileName().toString().split("-")[2]);
        while (length > 0 && sizeOf(segment) < length && !Thread.currentThread().isInterrupted())
        {
            Thread.onSpinWait();
        }
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        return pid;
    }

    /**
     * @return the first segment a spoke writes, null if none comes within the bound or the thread is interrupted.
     */
    private static Path awaitSpokeSegment(final Path values)
    {
        final long deadlineNs = System.nanoTime() + BOUND.toNanos();
        while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadlineNs)
        {
            for (final String name : filesIn(values))
            {
                if (name.startsWith("spoke-"))
                {
                    return values.resolve(name);
                }
            }
            Thread.onSpinWait();
        }
        return null;
    }

    /**
     * @return its size, or the most there is if it went.
     */
    private static long sizeOf(final Path file)
    {
        try
        {
            return Files.size(file);
        }
        catch (final IOException ex)
        {
            return Long.MAX_VALUE;
        }
    }
}

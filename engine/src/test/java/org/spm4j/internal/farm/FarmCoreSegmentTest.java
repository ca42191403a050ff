package org.spm4j.internal.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spm4j.internal.farm.FarmCoreFixture.failureOf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.ErrorPolicy;
import org.spm4j.FailureKind;
import org.spm4j.internal.codec.LargeValues;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.ValueDescriptor;
import org.spm4j.shm.ValueSegments;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.mailbox.ElementPayloads;

/**
 * Results too large for a message come as references to segments a spoke wrote: the hub deletes each once it has
 * decoded it, or failed to, and the segments of results it drops as stale; a record the hub writes of a task keeps
 * the argument's bytes read from its segment when they fit a record.
 */
class FarmCoreSegmentTest
{
    private static final int SMALL_LIMIT = 100;
    private static final String LARGE = "a result too large for a message ".repeat(10);

    @TempDir
    private Path root;
    private PoolDirectory pool;

    @BeforeEach
    void createPool()
    {
        pool = PoolDirectory.create(root, "pool");
    }

    @Test
    void shouldDecodeAResultFromItsSegmentAndDeleteIt()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).poolDirectory(pool.path()).build();
        final FarmTask task = farm.submit();
        farm.doWork();
        final ExpandableArrayBuffer result = new ExpandableArrayBuffer();

        farm.reportCompleted(task, 1, result, spill(farm, LARGE, result));

        assertEquals(LARGE, task.future.getNow(null));
        assertEquals(List.of(), segments());
    }

    @Test
    void shouldDeleteTheSegmentOfAResultThatCannotBeDecoded()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).poolDirectory(pool.path()).build();
        final FarmTask task = farm.submit();
        farm.doWork();
        final ExpandableArrayBuffer result = new ExpandableArrayBuffer();
        final byte[] unknownTag = new byte[SMALL_LIMIT * 2];
        unknownTag[0] = 99;
        final String name = ValueSegments.ofSpoke(pool, 0).write(unknownTag, 0, unknownTag.length);

        farm.reportCompleted(task, 1, result, ValueDescriptor.putReference(result, 0, unknownTag.length, name));

        assertEquals(FailureKind.PROTOCOL_VIOLATION, failureOf(task).kind());
        assertEquals(List.of(), segments());
    }

    @Test
    void shouldDeleteTheSegmentOfAStaleResult()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(2).poolDirectory(pool.path())
            .policy(ErrorPolicy.retry(1, ErrorPolicy.collect())).build();
        final FarmTask task = farm.submit();
        farm.doWork();
        farm.fail(task);
        farm.doWork();
        assertEquals(2, task.attempt);
        final ExpandableArrayBuffer result = new ExpandableArrayBuffer();

        farm.reportCompleted(task, 1, result, spill(farm, LARGE, result));
        farm.core.onCompleted(1_000, 1, result, 0, spill(farm, LARGE, result));

        assertFalse(task.future.isDone(), "the stale result ended the retry");
        assertEquals(List.of(), segments());
    }

    @Test
    void shouldDeleteTheSegmentsOfAPartOfAChunkNoLongerInFlight()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).poolDirectory(pool.path()).build();
        final FarmCoreFixture.MapOfOneChunk map = farm.submitChunk(2);
        farm.doWork();
        final ExpandableArrayBuffer result = new ExpandableArrayBuffer();
        final ExpandableArrayBuffer part = new ExpandableArrayBuffer();
        int length = ElementPayloads.putCompleted(part, 0, result, spill(farm, LARGE, result));
        length += ElementPayloads.putCompleted(part, length, result, spill(farm, LARGE + 1, result));
        length += ElementPayloads.putEnd(part, length, 1_000);
        assertEquals(2, segments().size());

        farm.core.onChunkPart(map.chunk().id, 2, 0, part, 0, length);
        farm.core.onChunkPart(ElementPayloads.chunkId(1_000), 1, 0, part, 0, length);

        assertFalse(map.results().done().isDone(), "a stale part ended the chunk");
        assertEquals(List.of(), segments());
    }

    @Test
    void shouldKeepTheArgumentOfASpilledTaskInTheRecordTheHubWritesWhenItFits()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).poolDirectory(pool.path()).build();
        final byte[] kept = new byte[1 + 1 + LARGE.length()];
        final ExpandableArrayBuffer argument = new ExpandableArrayBuffer();
        final LargeValues hubSide = new LargeValues(farm.codec, ValueSegments.ofHub(pool));
        final int inline = hubSide.encodeInline(LARGE, argument, 0);
        argument.getBytes(0, kept);
        final byte[] reference = new byte[hubSide.spillIfOver(argument, 0, inline, SMALL_LIMIT)];
        argument.getBytes(0, reference);
        final FarmTask crashed = farm.submit(reference);
        final FarmTask notKept = farm.submit(reference);
        farm.doWork();

        farm.core.onSpokeLost(0, 77, crashed.id, ErrorKind.SPOKE_CRASHED, "died");
        farm.doWork();
        farm.journal.maxRecordLength(LARGE.length());
        farm.core.onSpokeLost(0, 78, notKept.id, ErrorKind.SPOKE_CRASHED, "died");

        assertArrayEquals(kept, farm.journal.appended().get(0).argument());
        final UnsafeBuffer notKeptArgument = new UnsafeBuffer(farm.journal.appended().get(1).argument());
        assertEquals(ValueDescriptor.NOT_KEPT_LENGTH, notKeptArgument.capacity());
        assertEquals(ValueDescriptor.NOT_KEPT, notKeptArgument.getByte(0));
        assertEquals(1 + LARGE.length(), ValueDescriptor.codecLength(notKeptArgument, 0, notKeptArgument.capacity()));
        assertEquals(1, segments().size(), "the argument's segment is the caller's to delete");
    }

    /**
     * @return the length of the reference to the segment a spoke wrote the result to, written in {@code buffer}.
     */
    private int spill(final FarmCoreFixture farm, final Object value, final ExpandableArrayBuffer buffer)
    {
        final LargeValues spokeSide = new LargeValues(farm.codec, ValueSegments.ofSpoke(pool, 0));
        final int length = spokeSide.spillIfOver(buffer, 0, spokeSide.encodeInline(value, buffer, 0), SMALL_LIMIT);
        assertTrue(length < SMALL_LIMIT, "spilled");
        return length;
    }

    private List<Path> segments()
    {
        if (!Files.exists(pool.valuesDirectory()))
        {
            return List.of();
        }
        try (Stream<Path> files = Files.list(pool.valuesDirectory()))
        {
            return files.toList();
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }
}

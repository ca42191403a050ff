package org.spm4j.internal.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.Closure;
import org.spm4j.internal.closure.ClosureRegistry;
import org.spm4j.internal.codec.AllowListFilter;
import org.spm4j.internal.codec.Codecs;
import org.spm4j.internal.codec.JavaSerialization;
import org.spm4j.internal.codec.LargeValues;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.ValueDescriptor;
import org.spm4j.shm.ValueSegments;
import org.spm4j.shm.closure.ClosureTableWriter;
import org.spm4j.shm.mailbox.ElementPayloads;

/**
 * An argument too large for a task message goes to a segment, unless it is larger than the pool root's file system
 * has free: then the call fails before any task is sent, naming the argument's size, the free bytes and the path,
 * and leaves no segment behind, not even those of the arguments before it.
 */
class ArgumentEncoderTest
{
    private static final int MAX_ARGUMENT = 1024;
    private static final long FREE = 5_000;

    @TempDir
    private Path root;
    private PoolDirectory pool;
    private ArgumentEncoder encoder;
    private Closure<byte[], byte[]> echo;

    @BeforeEach
    void setUp()
    {
        pool = PoolDirectory.create(root, "pool");
        final JavaSerialization serialization = new JavaSerialization(new AllowListFilter(List.of()));
        final ClosureRegistry closures = new ClosureRegistry(
            new ClosureTableWriter(new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024))), serialization);
        echo = closures.define("echo", (byte[] bytes) -> bytes);
        encoder = new ArgumentEncoder(new FarmHost()
        {
            @Override
            public void checkOwnClosure(final Closure<?, ?> closure)
            {
            }

            @Override
            public int maxArgumentLength()
            {
                return MAX_ARGUMENT;
            }

            @Override
            public void offline()
            {
            }
        }, new LargeValues(Codecs.create(null, serialization), ValueSegments.ofHub(pool, directory -> FREE)));
    }

    @Test
    void shouldSendAnArgumentThatFitsAMessageInlineAndSpillALargerOne()
    {
        final byte[] inline = encoder.encode(echo, new byte[MAX_ARGUMENT - 2], 0);
        final byte[] spilled = encoder.encode(echo, new byte[MAX_ARGUMENT - 1], 0);

        assertEquals(MAX_ARGUMENT, inline.length);
        assertEquals(ValueDescriptor.INLINE, inline[0]);
        assertEquals(ValueDescriptor.SEGMENT, spilled[0]);
        assertEquals(MAX_ARGUMENT, ValueDescriptor.codecLength(new UnsafeBuffer(spilled), 0, spilled.length));
        assertEquals(1, segments().size());
    }

    @Test
    void shouldRefuseAnArgumentLargerThanTheFreeSpaceNamingItsSizeTheFreeBytesAndThePath()
    {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> encoder.encode(echo, new byte[(int)FREE], 0));

        final Matcher message = Pattern.compile("argument for closure 'echo' does not fit: its 5001 bytes encoded " +
            "are more than the 5000 bytes free on the file system of the pool root (\\S+) \\(for (\\S+)\\)")
            .matcher(refused.getMessage());
        assertTrue(message.matches(), refused.getMessage());
        assertEquals(root.toString(), message.group(1));
        assertTrue(message.group(2).startsWith(pool.valuesDirectory().toString()), message.group(2));
        assertEquals(List.of(), segments());
    }

    @Test
    void shouldRefuseAMapWithAnArgumentLargerThanTheFreeSpaceAndDeleteTheSegmentsOfTheOthers()
    {
        final SpilledArguments spilled = new SpilledArguments(ValueSegments.ofHub(pool));
        final List<byte[]> arguments = List.of(new byte[10], new byte[2_000], new byte[3_000], new byte[(int)FREE]);

        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> encoder.pack(echo, arguments, spilled));

        assertTrue(refused.getMessage().startsWith("argument for closure 'echo' does not fit: its 5001 bytes"),
            refused.getMessage());
        assertEquals(List.of(), segments());
    }

    @Test
    void shouldPackASpilledArgumentOfAMapAsAReferenceToItsSegment()
    {
        final SpilledArguments spilled = new SpilledArguments(ValueSegments.ofHub(pool));
        final PackedArguments packed = encoder.pack(echo, List.of(new byte[10], new byte[2_000], new byte[1]),
            spilled);

        final UnsafeBuffer chunk = new UnsafeBuffer(packed.cut(3, Integer.MAX_VALUE));
        assertEquals(3, chunk.getInt(0));
        final int second = ElementPayloads.ARGUMENTS_HEADER_LENGTH + ElementPayloads.ELEMENT_OVERHEAD + 1 + 1 + 10;
        final int length = chunk.getInt(second);
        assertEquals(ValueDescriptor.SEGMENT, chunk.getByte(second + ElementPayloads.ELEMENT_OVERHEAD));
        assertEquals(1 + 2_000, ValueDescriptor.codecLength(chunk, second + ElementPayloads.ELEMENT_OVERHEAD, length));
        assertEquals(1, segments().size());
        spilled.deleteNow();
        assertEquals(List.of(), segments());
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

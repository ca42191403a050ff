package org.spm4j.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spm4j.shm.mailbox.ElementPayloads;

class ValueSegmentsTest
{
    @TempDir
    private Path root;
    private PoolDirectory pool;

    @BeforeEach
    void createPool()
    {
        pool = PoolDirectory.create(root.resolve("spm4j-user"), "pool");
    }

    @Test
    void shouldWriteAnOwnerOnlySegmentOnceAndMapItReadOnly() throws IOException
    {
        final ValueSegments segments = ValueSegments.ofHub(pool);
        final byte[] bytes = bytes(300_000);

        final String name = segments.write(bytes, 7, bytes.length - 7);

        final Path path = pool.valuesDirectory().resolve(name);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path.getParent())));
        try (ValueSegments.Mapping mapping = segments.map(name, bytes.length - 7))
        {
            final byte[] read = new byte[bytes.length - 7];
            mapping.buffer().getBytes(0, read);
            assertArrayEquals(Arrays.copyOfRange(bytes, 7, bytes.length), read);
        }
        segments.delete(name);
        assertFalse(Files.exists(path));
    }

    @Test
    void shouldNameSegmentsByTheirWriterAndNeverTwiceTheSame()
    {
        final String hub = ValueSegments.ofHub(pool).write(bytes(10), 0, 10);
        final String spoke = ValueSegments.ofSpoke(pool, 3).write(bytes(10), 0, 10);
        final String again = ValueSegments.ofSpoke(pool, 3).write(bytes(10), 0, 10);

        assertTrue(hub.matches("hub-[0-9]+\\.val"), hub);
        assertTrue(spoke.matches("spoke-3-" + ProcessHandle.current().pid() + "-[0-9]+\\.val"), spoke);
        assertFalse(spoke.equals(again));
    }

    @Test
    void shouldRefuseAValueLargerThanTheFreeSpaceNamingItsSizeTheFreeBytesAndThePath() throws IOException
    {
        final ValueSegments segments = ValueSegments.ofHub(pool, directory -> 1_000);

        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> segments.write(bytes(1_001), 0, 1_001));

        final Matcher message = Pattern.compile("its 1001 bytes encoded are more than the 1000 bytes free on the " +
            "file system of the pool root (\\S+) \\(for (\\S+)\\)").matcher(refused.getMessage());
        assertTrue(message.matches(), refused.getMessage());
        assertEquals(pool.path().getParent().toString(), message.group(1));
        assertTrue(message.group(2).startsWith(pool.valuesDirectory().resolve("hub-").toString()), message.group(2));
        assertEquals(List.of(), filesIn(pool.valuesDirectory()));
        segments.write(bytes(1_000), 0, 1_000);
    }

    @Test
    void shouldRefuseAValueWhoseWriteFailsNamingItsSizeThePathAndTheFreeBytes() throws IOException
    {
        final ValueSegments segments = ValueSegments.ofHub(pool);
        Files.createFile(pool.valuesDirectory());

        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> segments.write(bytes(64), 0, 64));

        assertTrue(refused.getMessage().matches("its 64 bytes encoded cannot be written to " +
            Pattern.quote(pool.valuesDirectory().toString()) + "/hub-[0-9]+\\.val \\(.+\\); the file system of " +
            "the pool root " + Pattern.quote(pool.path().getParent().toString()) + " had [0-9]+ bytes free"),
            refused.getMessage());
    }

    @Test
    void shouldSayASegmentIsGoneOrNotWhatItsReferenceSays()
    {
        final ValueSegments segments = ValueSegments.ofHub(pool);
        final String name = segments.write(bytes(100), 0, 100);

        final IllegalArgumentException shorter = assertThrows(IllegalArgumentException.class,
            () -> segments.map(name, 99));
        assertTrue(shorter.getMessage().endsWith(name + " holds 100 bytes, not the 99 its reference names"),
            shorter.getMessage());
        segments.delete(name);
        final IllegalArgumentException gone = assertThrows(IllegalArgumentException.class,
            () -> segments.map(name, 100));
        assertTrue(gone.getMessage().contains(name + " is gone"), gone.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "../pool.shm", "hub-1.val/../../x", "pool.shm", "hub-.val", "spoke-1-2.val", "" })
    void shouldRefuseANameNoSegmentHas(final String name)
    {
        final ValueSegments segments = ValueSegments.ofHub(pool);

        assertThrows(IllegalArgumentException.class, () -> segments.map(name, 1));
        assertThrows(IllegalArgumentException.class, () -> segments.delete(name));
    }

    @Test
    void shouldDiscardOnlyTheSpokeSegmentsThatResultsReference()
    {
        final ValueSegments hub = ValueSegments.ofHub(pool);
        final String argument = hub.write(bytes(10), 0, 10);
        final String result = ValueSegments.ofSpoke(pool, 0).write(bytes(10), 0, 10);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();

        hub.discardResult(buffer, 0, ValueDescriptor.putReference(buffer, 0, 10, argument));
        buffer.putByte(0, ValueDescriptor.INLINE);
        hub.discardResult(buffer, 0, 1);
        hub.discardResult(new UnsafeBuffer("forged".getBytes(StandardCharsets.US_ASCII)), 0, 6);
        assertEquals(List.of(argument, result), filesIn(pool.valuesDirectory()).stream().sorted().toList());

        hub.discardResult(buffer, 0, ValueDescriptor.putReference(buffer, 0, 10, result));
        assertEquals(List.of(argument), filesIn(pool.valuesDirectory()));
    }

    @Test
    void shouldDiscardTheSegmentsOfTheResultsOfAStatusPart()
    {
        final ValueSegments spoke = ValueSegments.ofSpoke(pool, 1);
        final String first = spoke.write(bytes(10), 0, 10);
        final String second = spoke.write(bytes(10), 0, 10);
        final ExpandableArrayBuffer reference = new ExpandableArrayBuffer();
        final ExpandableArrayBuffer part = new ExpandableArrayBuffer();
        int length = ElementPayloads.putCompleted(part, 0, reference,
            ValueDescriptor.putReference(reference, 0, 10, first));
        length += ElementPayloads.putFailed(part, length, 12);
        length += ElementPayloads.putCancelled(part, length);
        length += ElementPayloads.putCompleted(part, length, reference,
            ValueDescriptor.putReference(reference, 0, 10, second));
        length += ElementPayloads.putEnd(part, length, 1_000);

        ValueSegments.ofHub(pool).discardResults(part, 0, length);

        assertEquals(List.of(), filesIn(pool.valuesDirectory()));
    }

    @Test
    void shouldDeleteEverythingALostSpokeWroteAndNothingElse()
    {
        final String lost = ValueSegments.ofSpoke(pool, 1).write(bytes(10), 0, 10);
        ValueSegments.ofSpoke(pool, 1).write(bytes(10), 0, 10);
        final String other = ValueSegments.ofSpoke(pool, 11).write(bytes(10), 0, 10);
        final String hub = ValueSegments.ofHub(pool).write(bytes(10), 0, 10);

        assertEquals(2, ValueSegments.ofHub(pool).deleteSpokeSegments(1));

        assertFalse(Files.exists(pool.valuesDirectory().resolve(lost)));
        assertEquals(List.of(hub, other), filesIn(pool.valuesDirectory()).stream().sorted().toList());
        assertEquals(0, ValueSegments.ofHub(PoolDirectory.of(root.resolve("none"))).deleteSpokeSegments(1));
    }

    @Test
    void shouldReadWhatAReferenceSays()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = ValueDescriptor.putReference(buffer, 3, 123_456, "spoke-2-77-9.val");

        assertEquals(ValueDescriptor.SEGMENT, ValueDescriptor.form(buffer, 3, length));
        assertEquals(123_456, ValueDescriptor.codecLength(buffer, 3, length));
        assertEquals("spoke-2-77-9.val", ValueDescriptor.segmentName(buffer, 3, length));
        assertThrows(IllegalArgumentException.class, () -> ValueDescriptor.form(buffer, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> ValueDescriptor.segmentName(buffer, 3, length - 1));
        assertThrows(IllegalArgumentException.class, () -> ValueDescriptor.codecLength(buffer, 3, 4));
        buffer.putInt(3 + ValueDescriptor.LENGTH_OFFSET, -1);
        assertThrows(IllegalArgumentException.class, () -> ValueDescriptor.codecLength(buffer, 3, length));
    }

    private static byte[] bytes(final int length)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 31 + 7);
        }
        return bytes;
    }

    private static List<String> filesIn(final Path directory)
    {
        if (!Files.exists(directory))
        {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory))
        {
            return files.map(path -> path.getFileName().toString()).toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

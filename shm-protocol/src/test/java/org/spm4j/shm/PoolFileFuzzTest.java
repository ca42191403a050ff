package org.spm4j.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spm4j.shm.PoolFileDescriptor.CLOSURE_TABLE_LENGTH_OFFSET;
import static org.spm4j.shm.PoolFileDescriptor.COUNTERS_VALUES_LENGTH_OFFSET;
import static org.spm4j.shm.PoolFileDescriptor.FILE_LENGTH_OFFSET;
import static org.spm4j.shm.PoolFileDescriptor.HEADER_LENGTH;
import static org.spm4j.shm.PoolFileDescriptor.HUB_HEARTBEAT_OFFSET;
import static org.spm4j.shm.PoolFileDescriptor.HUB_PID_OFFSET;
import static org.spm4j.shm.PoolFileDescriptor.HUB_START_TIME_OFFSET;
import static org.spm4j.shm.PoolFileDescriptor.INBOX_LENGTH_OFFSET;
import static org.spm4j.shm.PoolFileDescriptor.LAYOUT_VERSION_OFFSET;
import static org.spm4j.shm.PoolFileDescriptor.MAGIC_OFFSET;
import static org.spm4j.shm.PoolFileDescriptor.SPOKE_COUNT_OFFSET;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.statistics.StatisticsReport;
import org.agrona.SemanticVersion;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.agrona.concurrent.status.CountersReader;
import org.spm4j.shm.test.Mutation;
import org.spm4j.shm.test.Outcomes;
import org.spm4j.shm.test.ShmTempDirectory;

/**
 * Opening a pool file whose bytes are random, whose header fields are random but plausible, or whose
 * valid header has mutations, written to a real owner-only file: the open refuses it with a
 * {@link ProtocolException} that starts with the file's path, or it yields a pool whose every section
 * lies inside the file and whose hub is a live process (not a thread, not a pid beyond 32 bits).
 * 1,000 random, 3,000 plausible and 3,000 mutated cases per run.
 */
@StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
class PoolFileFuzzTest
{
    private static final long HEARTBEAT_TIMEOUT_MS = 3_600_000;
    private static final List<PoolLayout> LAYOUTS = List.of(
        PoolLayout.of(1, 1 << 12, 1 << 12, 1),
        PoolLayout.of(2, 1 << 12, 1 << 13, 8),
        PoolLayout.of(3, 1 << 13, 1 << 12, 3));
    // A mutated pid may name another process that started in the same clock tick as this one: a live hub.
    private static final Set<HubIdentity> LIVE_PROCESSES =
        ProcessHandle.allProcesses().map(HubIdentity::of).collect(Collectors.toSet());

    private final ShmTempDirectory root = new ShmTempDirectory();
    private final PoolDirectory directory = PoolDirectory.create(root.path(), "pool");
    private final Path poolFile = ownerOnlyFile(directory.poolFile());
    private final List<byte[]> validFiles = LAYOUTS.stream().map(this::validFile).toList();

    @Property(tries = 1_000)
    void shouldOpenOrRefuseRandomBytes(@ForAll @Size(max = 512) final byte[] bytes)
    {
        openOrRefuse(bytes);
    }

    @Property(tries = 3_000, edgeCases = EdgeCasesMode.NONE)
    void shouldOpenOrRefuseAPlausibleHeader(
        @ForAll("magics") final long magic,
        @ForAll("versions") final int version,
        @ForAll("spokeCounts") final int spokeCount,
        @ForAll("pids") final long pid,
        @ForAll("startTimes") final long startTimeMs,
        @ForAll("heartbeats") final long heartbeatMs,
        @ForAll("inboxLengths") final int inboxLength,
        @ForAll("closureTableLengths") final int closureTableLength,
        @ForAll("countersLengths") final int countersValuesLength,
        @ForAll("fileLengths") final long recordedLength,
        @ForAll("actualLengths") final int actualLength)
    {
        final UnsafeBuffer header = new UnsafeBuffer(new byte[HEADER_LENGTH]);
        header.putLong(MAGIC_OFFSET, magic);
        header.putInt(LAYOUT_VERSION_OFFSET, version);
        header.putInt(SPOKE_COUNT_OFFSET, spokeCount);
        header.putLong(HUB_PID_OFFSET, pid);
        header.putLong(HUB_START_TIME_OFFSET, startTimeMs);
        header.putLong(HUB_HEARTBEAT_OFFSET, heartbeatMs);
        header.putInt(INBOX_LENGTH_OFFSET, inboxLength);
        header.putInt(CLOSURE_TABLE_LENGTH_OFFSET, closureTableLength);
        header.putInt(COUNTERS_VALUES_LENGTH_OFFSET, countersValuesLength);
        final PoolLayout layout = PoolLayout.fromRecordedLengths(
            spokeCount, inboxLength, closureTableLength, countersValuesLength);
        final boolean consistent = recordedLength < 0 && null != layout && layout.fileLength() < 1 << 20;
        header.putLong(FILE_LENGTH_OFFSET, consistent ? layout.fileLength() : recordedLength);

        final byte[] bytes = Arrays.copyOf(header.byteArray(), consistent ? (int)layout.fileLength() : actualLength);
        Outcomes.collect(null != openOrRefuse(bytes), 1);
    }

    @Property(tries = 3_000)
    void shouldOpenOrRefuseAMutatedHeader(
        @ForAll @IntRange(max = 2) final int layoutIndex, @ForAll("mutations") final List<Mutation> mutations)
    {
        final byte[] valid = validFiles.get(layoutIndex);
        final byte[] header = Mutation.apply(mutations, Arrays.copyOf(valid, HEADER_LENGTH));
        final byte[] bytes = Arrays.copyOf(header, header.length + valid.length - HEADER_LENGTH);
        System.arraycopy(valid, HEADER_LENGTH, bytes, header.length, valid.length - HEADER_LENGTH);

        final PoolLayout opened = openOrRefuse(bytes);
        if (null != opened)
        {
            assertEquals(LAYOUTS.get(layoutIndex).toString(), opened.toString());
        }
        Outcomes.collect(null != opened, 5);
    }

    /**
     * @return the layout of the opened pool, null if it was refused.
     */
    private PoolLayout openOrRefuse(final byte[] bytes)
    {
        write(bytes);
        try (PoolFile opened = PoolFile.open(poolFile, SystemEpochClock.INSTANCE, HEARTBEAT_TIMEOUT_MS))
        {
            final PoolLayout layout = opened.layout();
            assertEquals(bytes.length, layout.fileLength());
            assertTrue(LIVE_PROCESSES.contains(opened.hubIdentity()), () -> opened.hubIdentity() + " is no process");
            opened.closureTableBuffer();
            opened.countersMetadataBuffer();
            opened.countersValuesBuffer();
            for (int spokeId = 0; spokeId < layout.spokeCount(); spokeId++)
            {
                opened.spokeSlot(spokeId).pidVolatile();
                opened.spokeInboxBuffer(spokeId);
                opened.spokeOutboxBuffer(spokeId);
            }
            return layout;
        }
        catch (final ProtocolException ex)
        {
            assertTrue(ex.getMessage().startsWith("pool file " + poolFile + " "), ex.getMessage());
            return null;
        }
    }

    private void write(final byte[] bytes)
    {
        try
        {
            Files.write(poolFile, bytes);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path ownerOnlyFile(final Path path)
    {
        try
        {
            return Files.createFile(path, OwnerOnly.FILE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private byte[] validFile(final PoolLayout layout)
    {
        final Path path = root.path().resolve("valid.shm");
        try
        {
            PoolFile.create(path, layout, HubIdentity.current(), System.currentTimeMillis()).close();
            final byte[] bytes = Files.readAllBytes(path);
            Files.delete(path);
            return bytes;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @AfterProperty
    void removeDirectory()
    {
        root.close();
    }

    @Provide
    Arbitrary<List<Mutation>> mutations()
    {
        return Mutation.mutations(3);
    }

    @Provide
    Arbitrary<Long> magics()
    {
        return mostly(Arbitraries.just(PoolFileDescriptor.MAGIC), Arbitraries.longs());
    }

    @Provide
    Arbitrary<Integer> versions()
    {
        return mostly(
            Arbitraries.of(PoolFileDescriptor.LAYOUT_VERSION, SemanticVersion.compose(2, 7, 3)),
            Arbitraries.oneOf(Arbitraries.of(0, SemanticVersion.compose(1, 1, 0), SemanticVersion.compose(3, 0, 0)),
                Arbitraries.integers()));
    }

    @Provide
    Arbitrary<Integer> spokeCounts()
    {
        return mostly(Arbitraries.integers().between(1, 4), Arbitraries.of(0, -1, 4096, 4097, Integer.MIN_VALUE));
    }

    @Provide
    Arbitrary<Long> pids()
    {
        return mostly(Arbitraries.just(ProcessHandle.current().pid()), Arbitraries.longs());
    }

    @Provide
    Arbitrary<Long> startTimes()
    {
        return mostly(Arbitraries.just(HubIdentity.current().startTimeMs()), Arbitraries.of(0L, -1L, 1L));
    }

    @Provide
    Arbitrary<Long> heartbeats()
    {
        return mostly(Arbitraries.just(System.currentTimeMillis()), Arbitraries.longs());
    }

    @Provide
    Arbitrary<Integer> inboxLengths()
    {
        final int trailer = RingBufferDescriptor.TRAILER_LENGTH;
        return mostly(
            Arbitraries.of((1 << 12) + trailer, (1 << 13) + trailer),
            Arbitraries.oneOf(Arbitraries.of(1 << 12, 0, -1, (1 << 30) + trailer), Arbitraries.integers()));
    }

    @Provide
    Arbitrary<Integer> closureTableLengths()
    {
        return mostly(
            Arbitraries.of(1 << 12, (1 << 12) + 128),
            Arbitraries.oneOf(Arbitraries.of((1 << 12) - 1, 0, 1 << 30), Arbitraries.integers()));
    }

    @Provide
    Arbitrary<Integer> countersLengths()
    {
        return mostly(
            Arbitraries.integers().between(1, 8).map(count -> count * CountersReader.COUNTER_LENGTH),
            Arbitraries.oneOf(Arbitraries.of(0, CountersReader.COUNTER_LENGTH + 1), Arbitraries.integers()));
    }

    /**
     * @return a negative length for "the length the recorded sections need", any other for itself.
     */
    @Provide
    Arbitrary<Long> fileLengths()
    {
        return mostly(Arbitraries.just(-1L), Arbitraries.longs());
    }

    @Provide
    Arbitrary<Integer> actualLengths()
    {
        return Arbitraries.integers().between(0, 1 << 16).withDistribution(RandomDistribution.uniform());
    }

    /**
     * Each field right four times in five, so that many headers get past the first checks.
     */
    private static <T> Arbitrary<T> mostly(final Arbitrary<T> right, final Arbitrary<T> wrong)
    {
        return Arbitraries.frequencyOf(Tuple.of(4, right), Tuple.of(1, wrong));
    }
}

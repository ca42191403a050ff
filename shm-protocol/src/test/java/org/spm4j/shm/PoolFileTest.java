package org.spm4j.shm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.agrona.SemanticVersion;
import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class PoolFileTest
{
    private static final long HEARTBEAT_TIMEOUT_MS = 5_000;
    private static final PoolLayout LAYOUT = PoolLayout.of(2, 1 << 12, 1 << 12, 8);

    @TempDir
    private Path root;
    private PoolDirectory directory;

    @BeforeEach
    void setUp()
    {
        directory = PoolDirectory.create(root.resolve("spm4j-user"), "pool-1");
    }

    @Test
    void shouldOpenWhatWasCreated()
    {
        final long now = System.currentTimeMillis();
        try (PoolFile created = PoolFile.create(directory.poolFile(), LAYOUT, HubIdentity.current(), now);
            PoolFile opened = PoolFile.open(directory.poolFile(), SystemEpochClock.INSTANCE, HEARTBEAT_TIMEOUT_MS))
        {
            assertEquals(LAYOUT.fileLength(), opened.layout().fileLength());
            assertEquals(2, opened.layout().spokeCount());
            assertEquals(HubIdentity.current(), opened.hubIdentity());
            assertEquals(now, opened.hubHeartbeatVolatile());
            assertEquals(PoolFileDescriptor.LAYOUT_VERSION, opened.layoutVersion());
            assertEquals(SpokeState.EMPTY, opened.spokeSlot(1).stateVolatile());
            assertEquals(SpokeSlotDescriptor.NO_TASK, opened.spokeSlot(1).currentTaskVolatile());

            created.spokeSlot(1).stateRelease(SpokeState.READY);
            created.hubHeartbeatRelease(now + 1);
            assertEquals(SpokeState.READY, opened.spokeSlot(1).stateVolatile());
            assertEquals(now + 1, opened.hubHeartbeatVolatile());
        }
    }

    @Test
    void shouldCreateOwnerOnlyDirectoriesAndFiles() throws IOException
    {
        createLivePool().close();

        assertAll(
            () -> assertEquals("rwx------", permissions(directory.path().getParent())),
            () -> assertEquals("rwx------", permissions(directory.path())),
            () -> assertEquals("rw-------", permissions(directory.poolFile())));
    }

    @Test
    void shouldRefuseToCreateAPoolThatExists()
    {
        final UncheckedIOException ex = assertThrows(UncheckedIOException.class,
            () -> PoolDirectory.create(directory.path().getParent(), "pool-1"));
        assertTrue(ex.getMessage().contains("pool 'pool-1' already exists"), ex.getMessage());
    }

    @Test
    void shouldRefuseUnsafePoolIds()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> PoolDirectory.create(root, "../escape"));
        assertTrue(ex.getMessage().contains("'../escape'"), ex.getMessage());
    }

    @Test
    void shouldRejectWrongMagic() throws IOException
    {
        createLivePool().close();
        overwriteLong(PoolFileDescriptor.MAGIC_OFFSET, 0x1234L);

        assertRejected("is not an spm4j pool file: magic 0x1234");
    }

    @Test
    void shouldRejectNewerMajorVersion() throws IOException
    {
        createLivePool().close();
        overwriteInt(PoolFileDescriptor.LAYOUT_VERSION_OFFSET, SemanticVersion.compose(3, 0, 0));

        assertRejected("has layout version 3.0.0, this reader understands 2.x");
    }

    @Test
    void shouldRejectTheLayoutWhoseSpokesSharedOneHubInbox() throws IOException
    {
        createLivePool().close();
        overwriteInt(PoolFileDescriptor.LAYOUT_VERSION_OFFSET, SemanticVersion.compose(1, 1, 0));

        assertRejected("has layout version 1.1.0, this reader understands 2.x");
    }

    @Test
    void shouldAcceptNewerMinorVersion() throws IOException
    {
        createLivePool().close();
        overwriteInt(PoolFileDescriptor.LAYOUT_VERSION_OFFSET, SemanticVersion.compose(2, 7, 0));

        PoolFile.open(directory.poolFile(), SystemEpochClock.INSTANCE, HEARTBEAT_TIMEOUT_MS).close();
    }

    @Test
    void shouldRejectUninitialisedFile() throws IOException
    {
        createLivePool().close();
        overwriteInt(PoolFileDescriptor.LAYOUT_VERSION_OFFSET, 0);

        assertRejected("is not initialised yet");
    }

    @Test
    void shouldRejectFileTruncatedInsideTheHeader() throws IOException
    {
        createLivePool().close();
        truncate(40);

        assertRejected("is truncated: 40 bytes, the header alone needs 128");
    }

    @Test
    void shouldRejectFileTruncatedInsideTheSections() throws IOException
    {
        createLivePool().close();
        truncate(LAYOUT.fileLength() / 2);

        assertRejected("is truncated or padded: " + LAYOUT.fileLength() / 2 + " bytes, its header says " +
            LAYOUT.fileLength());
    }

    @Test
    void shouldRejectImpossibleHeader() throws IOException
    {
        createLivePool().close();
        overwriteInt(PoolFileDescriptor.SPOKE_COUNT_OFFSET, -5);

        assertRejected("has an impossible header: spokes=-5");
    }

    @Test
    void shouldRejectAHubPidBeyond32Bits() throws IOException
    {
        // Found by PoolFileFuzzTest: ProcessHandle truncates the pid, so this one named the live hub.
        createLivePool().close();
        final long alias = ProcessHandle.current().pid() + (1L << 44);
        overwriteLong(PoolFileDescriptor.HUB_PID_OFFSET, alias);

        assertRejected("has an impossible hub identity: pid " + alias + " is outside 1..2147483647");
    }

    @Test
    void shouldRejectAnUnknownHubStartTime() throws IOException
    {
        // Found by PoolFileFuzzTest: a start time of 0 matched any live process with the recorded pid.
        createLivePool().close();
        overwriteLong(PoolFileDescriptor.HUB_START_TIME_OFFSET, HubIdentity.UNKNOWN_START_TIME);

        assertRejected("has an impossible hub identity: start time 0 ms is not one this platform records");
    }

    @Test
    @Timeout(30)
    void shouldRejectDeadHub() throws Exception
    {
        final Process process = new ProcessBuilder("sleep", "30").start();
        final HubIdentity deadHub = HubIdentity.of(process.toHandle());
        process.destroyForcibly();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS));
        PoolFile.create(directory.poolFile(), LAYOUT, deadHub, System.currentTimeMillis()).close();

        assertRejected("belongs to a hub that is no longer running (pid " + deadHub.pid());
    }

    @Test
    void shouldRejectHubWhosePidWasReused()
    {
        final HubIdentity current = HubIdentity.current();
        final HubIdentity earlierProcessWithSamePid = new HubIdentity(current.pid(), current.startTimeMs() - 60_000);
        PoolFile.create(directory.poolFile(), LAYOUT, earlierProcessWithSamePid, System.currentTimeMillis()).close();

        assertRejected("belongs to a hub that is no longer running");
    }

    @Test
    void shouldRejectStaleHeartbeat()
    {
        final long tenSecondsAgo = System.currentTimeMillis() - 10_000;
        PoolFile.create(directory.poolFile(), LAYOUT, HubIdentity.current(), tenSecondsAgo).close();

        assertRejected("has a stale hub heartbeat");
    }

    @Test
    void shouldOpenAStaleHubsFileWhenLivenessIsNotAsked()
    {
        final long tenSecondsAgo = System.currentTimeMillis() - 10_000;
        PoolFile.create(directory.poolFile(), LAYOUT, HubIdentity.current(), tenSecondsAgo).close();

        try (PoolFile poolFile = PoolFile.openWithoutLivenessCheck(directory.poolFile()))
        {
            assertEquals(tenSecondsAgo, poolFile.hubHeartbeatVolatile());
        }
    }

    @Test
    void shouldRejectMissingFile()
    {
        assertRejected("cannot be read");
    }

    private PoolFile createLivePool()
    {
        return PoolFile.create(directory.poolFile(), LAYOUT, HubIdentity.current(), System.currentTimeMillis());
    }

    private void assertRejected(final String problem)
    {
        final ProtocolException ex = assertThrows(ProtocolException.class,
            () -> PoolFile.open(directory.poolFile(), SystemEpochClock.INSTANCE, HEARTBEAT_TIMEOUT_MS).close());
        assertTrue(ex.getMessage().startsWith("pool file " + directory.poolFile()), ex.getMessage());
        assertTrue(ex.getMessage().contains(problem), ex.getMessage());
    }

    private static String permissions(final Path path) throws IOException
    {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private void overwriteInt(final int offset, final int value) throws IOException
    {
        overwrite(offset, ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value));
    }

    private void overwriteLong(final int offset, final long value) throws IOException
    {
        overwrite(offset, ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value));
    }

    private void overwrite(final int offset, final ByteBuffer bytes) throws IOException
    {
        try (FileChannel channel = FileChannel.open(directory.poolFile(), StandardOpenOption.WRITE))
        {
            channel.write(bytes, offset);
        }
    }

    private void truncate(final long length) throws IOException
    {
        try (FileChannel channel = FileChannel.open(directory.poolFile(), StandardOpenOption.WRITE))
        {
            channel.truncate(length);
        }
    }
}

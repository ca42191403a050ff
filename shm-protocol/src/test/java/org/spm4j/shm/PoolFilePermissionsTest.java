package org.spm4j.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A pool file or directory that another user owns, or that others may read or write, is refused by
 * path and reason. Only root can give a file away, so the test of another owner through the public
 * path runs as root; the ownership comparison itself is tested for any user through the uid it is given.
 */
class PoolFilePermissionsTest
{
    private static final long HEARTBEAT_TIMEOUT_MS = 60_000;
    private static final int NOBODY = 65534;

    @TempDir
    private Path root;
    private PoolDirectory directory;
    private Path poolFile;

    @BeforeEach
    void setUp()
    {
        directory = PoolDirectory.create(root.resolve("spm4j-user"), "pool");
        poolFile = directory.poolFile();
        PoolFile.create(poolFile, PoolLayout.of(1, 1 << 12, 1 << 12, 1), HubIdentity.current(),
            System.currentTimeMillis()).close();
    }

    @Test
    void shouldOpenAnOwnerOnlyPool()
    {
        PoolFile.open(poolFile, SystemEpochClock.INSTANCE, HEARTBEAT_TIMEOUT_MS).close();
    }

    @ParameterizedTest
    @CsvSource({ "rw-r-----, 0640", "rw----r--, 0604", "rw-rw-rw-, 0666", "rw-----w-, 0602", "rw---x---, 0610" })
    void shouldRefuseAPoolFileOthersMayUse(final String permissions, final String mode) throws IOException
    {
        Files.setPosixFilePermissions(poolFile, PosixFilePermissions.fromString(permissions));

        assertRefused("pool file " + poolFile + " has mode " + mode + "; spm4j requires 0600 (owner-only)");
    }

    @ParameterizedTest
    @CsvSource({ "rwxr-x---, 0750", "rwx-----x, 0701", "rwxrwxrwx, 0777" })
    void shouldRefuseAPoolDirectoryOthersMayUse(final String permissions, final String mode) throws IOException
    {
        Files.setPosixFilePermissions(directory.path(), PosixFilePermissions.fromString(permissions));

        assertRefused("pool directory " + directory.path() + " has mode " + mode +
            "; spm4j requires 0700 (owner-only)");
    }

    @Test
    void shouldRefuseAPoolFileThatIsASymbolicLink() throws IOException
    {
        Files.move(poolFile, directory.path().resolve("elsewhere.shm"));
        Files.createSymbolicLink(poolFile, directory.path().resolve("elsewhere.shm"));

        assertRefused("pool file " + poolFile + " is a symbolic link, not a regular file");
    }

    @Test
    void shouldRefuseAPoolFileThatIsADirectory() throws IOException
    {
        Files.delete(poolFile);
        Files.createDirectory(poolFile, OwnerOnly.DIRECTORY);

        assertRefused("pool file " + poolFile + " is a directory, not a regular file");
    }

    @Test
    void shouldRefuseAPoolFileOfAnotherUid()
    {
        final long otherUid = OwnerOnly.CURRENT_UID + 1;

        final ProtocolException ex = assertThrows(ProtocolException.class, () -> OwnerOnly.verify(poolFile,
            "pool file", OwnerOnly.TYPE_REGULAR_FILE, otherUid, OwnerOnly.GROUP_AND_OTHER_BITS, "0600"));

        assertEquals("pool file " + poolFile + " is owned by uid " + OwnerOnly.CURRENT_UID + "; spm4j requires uid " +
            otherUid + ", the user running this process", ex.getMessage());
    }

    @Test
    void shouldRefuseAPoolFileGivenToAnotherUser() throws IOException
    {
        assumeTrue(0 == OwnerOnly.CURRENT_UID, "only root can give a file to another user");
        Files.setAttribute(poolFile, "unix:uid", NOBODY);

        assertRefused("pool file " + poolFile + " is owned by uid " + NOBODY + "; spm4j requires uid 0, the user " +
            "running this process");
    }

    @Test
    void shouldRefuseAPoolDirectoryGivenToAnotherUser() throws IOException
    {
        assumeTrue(0 == OwnerOnly.CURRENT_UID, "only root can give a directory to another user");
        Files.setAttribute(directory.path(), "unix:uid", NOBODY);

        assertRefused("pool directory " + directory.path() + " is owned by uid " + NOBODY + "; spm4j requires " +
            "uid 0, the user running this process");
    }

    @Test
    void shouldRefuseToCreateAPoolUnderARootOthersMayWrite() throws IOException
    {
        final Path sharedRoot = Files.createDirectory(root.resolve("shared"));
        Files.setPosixFilePermissions(sharedRoot, PosixFilePermissions.fromString("rwxrwxrwx"));

        final ProtocolException ex =
            assertThrows(ProtocolException.class, () -> PoolDirectory.create(sharedRoot, "pool"));

        assertEquals("pool root " + sharedRoot + " has mode 0777; spm4j requires no write permission for group " +
            "or others", ex.getMessage());
    }

    @Test
    void shouldRefuseToCreateAPoolUnderARootOfAnotherUser() throws IOException
    {
        assumeTrue(0 == OwnerOnly.CURRENT_UID, "only root can give a directory to another user");
        final Path squatted = Files.createDirectory(root.resolve("squatted"), OwnerOnly.DIRECTORY);
        Files.setAttribute(squatted, "unix:uid", NOBODY);

        final ProtocolException ex = assertThrows(ProtocolException.class, () -> PoolDirectory.create(squatted, "p"));

        assertEquals("pool root " + squatted + " is owned by uid " + NOBODY + "; spm4j requires uid 0, the user " +
            "running this process", ex.getMessage());
    }

    @Test
    void shouldCreateAPoolUnderARootOthersMayOnlyRead() throws IOException
    {
        final Path readableRoot = Files.createDirectory(root.resolve("readable"));
        Files.setPosixFilePermissions(readableRoot, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertEquals(readableRoot.resolve("pool"), PoolDirectory.create(readableRoot, "pool").path());
    }

    private void assertRefused(final String message)
    {
        final ProtocolException ex = assertThrows(ProtocolException.class,
            () -> PoolFile.open(poolFile, SystemEpochClock.INSTANCE, HEARTBEAT_TIMEOUT_MS).close());
        assertEquals(message, ex.getMessage());
    }
}

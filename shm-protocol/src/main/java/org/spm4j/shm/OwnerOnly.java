package org.spm4j.shm;

import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Permissions of everything a pool puts on disk: only the owner may read or write it.
 */
final class OwnerOnly
{
    static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
    static final FileAttribute<Set<PosixFilePermission>> DIRECTORY =
        PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS);
    static final FileAttribute<Set<PosixFilePermission>> FILE = PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS);

    private OwnerOnly()
    {
    }
}

package org.spm4j.shm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

import com.sun.security.auth.module.UnixSystem;

/**
 * Permissions of everything a pool puts on disk: only the owner may read or write it. What a pool
 * opens must be the same: owned by the user running this process, with no group or other permission,
 * for anyone else who could write it could forge messages, tasks and closures.
 */
final class OwnerOnly
{
    static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
    static final FileAttribute<Set<PosixFilePermission>> DIRECTORY =
        PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS);
    static final FileAttribute<Set<PosixFilePermission>> FILE = PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS);

    /** User id of this process, which every pool file and directory it opens must belong to. */
    static final long CURRENT_UID = new UnixSystem().getUid();

    /** File type bits of a mode: a directory. */
    static final int TYPE_DIRECTORY = 0040000;
    /** File type bits of a mode: a regular file. */
    static final int TYPE_REGULAR_FILE = 0100000;
    /** Permission bits for the group and others. */
    static final int GROUP_AND_OTHER_BITS = 0077;

    private static final int TYPE_MASK = 0170000;
    private static final int TYPE_SYMBOLIC_LINK = 0120000;
    private static final int GROUP_AND_OTHER_WRITE_BITS = 0022;
    private static final int PERMISSION_BITS = 07777;

    private OwnerOnly()
    {
    }

    /**
     * @param directory what to check; a symbolic link is refused, not followed.
     * @param role      how errors name it, e.g. "pool directory".
     * @throws ProtocolException naming the path and what is wrong unless it is a directory owned by this
     *                           process's user with no group or other permission.
     */
    static void verifyDirectory(final Path directory, final String role)
    {
        verify(directory, role, TYPE_DIRECTORY, CURRENT_UID, GROUP_AND_OTHER_BITS, "0700 (owner-only)");
    }

    /**
     * @param file what to check; a symbolic link is refused, not followed.
     * @param role how errors name it, e.g. "pool file".
     * @throws ProtocolException naming the path and what is wrong unless it is a regular file owned by
     *                           this process's user with no group or other permission.
     */
    static void verifyFile(final Path file, final String role)
    {
        verify(file, role, TYPE_REGULAR_FILE, CURRENT_UID, GROUP_AND_OTHER_BITS, "0600 (owner-only)");
    }

    /**
     * A root holds pool directories, which are owner-only themselves: others may look into it, but
     * anyone who could write it could swap a pool directory for one of theirs.
     *
     * @param root a pool root, symbolic links in its path followed.
     * @throws ProtocolException naming the path and what is wrong unless it is a directory owned by this
     *                           process's user that neither group nor others may write.
     */
    static void verifyRoot(final Path root)
    {
        final Path realRoot;
        try
        {
            realRoot = root.toRealPath();
        }
        catch (final IOException ex)
        {
            throw new ProtocolException("pool root " + root + " cannot be read: " + ex, ex);
        }
        verify(realRoot, "pool root", TYPE_DIRECTORY, CURRENT_UID, GROUP_AND_OTHER_WRITE_BITS,
            "no write permission for group or others");
    }

    /**
     * @param path          what to check; a symbolic link is refused, not followed.
     * @param role          how errors name it.
     * @param type          the file type its mode must show.
     * @param ownerUid      the user id that must own it.
     * @param forbiddenBits permission bits it must not have.
     * @param requirement   what errors say is required instead.
     */
    static void verify(
        final Path path,
        final String role,
        final int type,
        final long ownerUid,
        final int forbiddenBits,
        final String requirement)
    {
        final Map<String, Object> attributes;
        try
        {
            attributes = Files.readAttributes(path, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
        }
        catch (final IOException ex)
        {
            throw new ProtocolException(role + " " + path + " cannot be read: " + ex, ex);
        }
        final int mode = (Integer)attributes.get("mode");
        final int uid = (Integer)attributes.get("uid");
        if ((mode & TYPE_MASK) != type)
        {
            throw new ProtocolException(role + " " + path + " is " + typeName(mode & TYPE_MASK) + ", not " +
                typeName(type));
        }
        if (uid != ownerUid)
        {
            throw new ProtocolException(role + " " + path + " is owned by uid " + uid + "; spm4j requires uid " +
                ownerUid + ", the user running this process");
        }
        if ((mode & forbiddenBits) != 0)
        {
            throw new ProtocolException(role + " " + path + " has mode " +
                String.format("%04o", mode & PERMISSION_BITS) + "; spm4j requires " + requirement);
        }
    }

    private static String typeName(final int type)
    {
        return switch (type)
        {
            case TYPE_DIRECTORY -> "a directory";
            case TYPE_REGULAR_FILE -> "a regular file";
            case TYPE_SYMBOLIC_LINK -> "a symbolic link";
            default -> "a special file";
        };
    }
}

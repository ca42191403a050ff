package org.spm4j.internal.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.agrona.BufferUtil;
import org.agrona.UnsafeApi;

/**
 * Writes a new segment file through the file channel, never through a mapping: a full file system then fails a
 * write with an exception instead of killing the process with SIGBUS on a page it cannot back.
 */
final class SegmentFile
{
    /** As every file of a pool: its owner's alone. */
    static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    /** As every directory of a pool. */
    static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final int STAGING_BYTES = 1 << 20;

    private SegmentFile()
    {
    }

    /**
     * @param directory where segments live.
     * @param what      what the segment holds, for messages.
     * @param bytes     its size.
     * @throws IllegalArgumentException naming the size and the free space if it cannot fit.
     */
    static void checkFits(final Path directory, final String what, final long bytes)
    {
        final long free;
        try
        {
            free = Files.getFileStore(directory).getUsableSpace();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the free space of " + directory, ex);
        }
        if (bytes > free)
        {
            throw new IllegalArgumentException(what + " needs " + bytes + " bytes; " + directory + " has " + free +
                " bytes free");
        }
    }

    /**
     * @param file       the new file, which must not exist, unless {@code allocated} by a placer.
     * @param array      a Java array to copy in, or null for zeros.
     * @param baseOffset its base offset for {@link UnsafeApi}.
     * @param bytes      the size.
     * @param allocated  whether the file already holds {@code bytes} zeros.
     */
    static void write(final Path file, final Object array, final long baseOffset, final long bytes,
        final boolean allocated)
    {
        if (allocated && null == array)
        {
            return;
        }
        final ByteBuffer staging = ByteBuffer.allocateDirect((int)Math.min(STAGING_BYTES, Math.max(1, bytes)));
        try (FileChannel channel = allocated ? FileChannel.open(file, StandardOpenOption.WRITE) :
            FileChannel.open(file, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW), OWNER_ONLY_FILE))
        {
            final long stagingAddress = BufferUtil.address(staging);
            for (long written = 0; written < bytes;)
            {
                final int run = (int)Math.min(staging.capacity(), bytes - written);
                if (null != array)
                {
                    UnsafeApi.copyMemory(array, baseOffset + written, null, stagingAddress, run);
                }
                staging.clear().limit(run);
                while (staging.hasRemaining())
                {
                    written += channel.write(staging, written);
                }
            }
        }
        catch (final IOException ex)
        {
            deleteQuietly(file);
            throw new UncheckedIOException("cannot write shared array " + file + " (" + bytes + " bytes)", ex);
        }
        finally
        {
            BufferUtil.free(staging);
        }
    }

    static void deleteQuietly(final Path file)
    {
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ignore)
        {
            // the pool directory goes with the pool
        }
    }
}

package org.spm4j.bench.shm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.spm4j.bench.BenchRoot;
import org.spm4j.bench.ChildJvm;
import org.spm4j.shm.HubIdentity;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.PoolLayout;
import org.spm4j.shm.SpokeSlot;
import org.spm4j.shm.SpokeState;

/**
 * A pool file under a fresh {@link BenchRoot} and one child JVM playing spoke 0 against it. The child
 * runs a main class of this module with the protocol's JVM flags, this JVM's classpath, one processor
 * and the serial collector, and reports READY in spoke slot 0.
 * <p>
 * {@link #close()} kills the child, unmaps the file and removes the root, and is idempotent. A shutdown
 * hook does the same but the unmapping, so neither a process nor a file outlives a JMH fork that is
 * stopped early. Not thread-safe.
 */
final class PoolWithChild implements AutoCloseable
{
    private static final long READY_TIMEOUT_MS = 30_000;

    // the hook leaves the file mapped: the benchmark thread may still be spinning on it
    private final Thread shutdownHook = new Thread(() -> release(false), "pool-with-child-cleanup");
    private Path root;
    private PoolDirectory directory;
    private PoolFile poolFile;
    private Process child;

    private PoolWithChild()
    {
    }

    /**
     * @param layout    pool layout; needs at least one spoke slot.
     * @param childMain main class of the child, given the pool file path then {@code childArgs}.
     * @param childArgs further arguments.
     * @return the pool, its child READY.
     */
    static PoolWithChild start(final PoolLayout layout, final Class<?> childMain, final String... childArgs)
    {
        final PoolWithChild pool = new PoolWithChild();
        Runtime.getRuntime().addShutdownHook(pool.shutdownHook);
        try
        {
            pool.createPool(layout);
            pool.launch(childMain, childArgs);
            pool.awaitChildReady();
            return pool;
        }
        catch (final RuntimeException | Error ex)
        {
            pool.close();
            throw ex;
        }
    }

    PoolFile poolFile()
    {
        return poolFile;
    }

    @Override
    public void close()
    {
        release(true);
        try
        {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (final IllegalStateException ignore)
        {
            // the JVM is already shutting down and runs the hook itself
        }
    }

    private void createPool(final PoolLayout layout)
    {
        root = BenchRoot.create();
        directory = PoolDirectory.create(root, "bench");
        poolFile = PoolFile.create(directory.poolFile(), layout, HubIdentity.current(), System.currentTimeMillis());
    }

    private void launch(final Class<?> childMain, final String... childArgs)
    {
        final List<String> args = new ArrayList<>();
        args.add(directory.poolFile().toString());
        args.addAll(List.of(childArgs));
        final List<String> command = ChildJvm.command(childMain, args.toArray(new String[0]));
        try
        {
            // stdin stays a pipe: the child exits when it reaches end of file, i.e. when this JVM is gone
            child = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start child JVM " + childMain.getName(), ex);
        }
    }

    private void awaitChildReady()
    {
        final SpokeSlot slot = poolFile.spokeSlot(0);
        final long deadlineMs = System.currentTimeMillis() + READY_TIMEOUT_MS;
        while (slot.stateVolatile() != SpokeState.READY)
        {
            if (!child.isAlive())
            {
                throw new IllegalStateException("child JVM exited with code " + child.exitValue() + " before READY");
            }
            if (System.currentTimeMillis() > deadlineMs)
            {
                throw new IllegalStateException("child JVM not READY within " + READY_TIMEOUT_MS + " ms");
            }
            sleepBriefly();
        }
    }

    private synchronized void release(final boolean unmap)
    {
        ChildJvm.kill(child);
        child = null;
        if (null != poolFile && unmap)
        {
            poolFile.close();
            poolFile = null;
        }
        if (null != root)
        {
            BenchRoot.delete(root);
            root = null;
        }
    }

    private static void sleepBriefly()
    {
        try
        {
            Thread.sleep(1);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the child JVM", ex);
        }
    }
}

package org.spm4j.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.spm4j.shm.PoolDirectory;

/**
 * How {@code spm shell} ends when its JVM shuts down mid-run, on SIGINT or SIGTERM: one line on stderr and
 * nothing more printed, every running command killed (the pool's own shutdown kills its spokes, and with each
 * spoke go its commands), the run's files removed. The JVM exits with 128 plus the signal's number, 130 or 143,
 * as a shell reports it; a signal the process was started ignoring (as under {@code nohup}) stays ignored.
 * Installed for one run; closing it at the run's end uninstalls it.
 */
final class ShellShutdown implements AutoCloseable
{
    private static final long POOL_REMOVAL_LIMIT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final PrintStream err;
    private final PoolDirectory pool;
    private final boolean serial;
    private final Path temporaryJournal;
    private final Thread hook = new Thread(this::stop, "spm-shell-shutdown");
    private volatile Runnable silence = () -> { };
    private volatile boolean stopping;

    private ShellShutdown(
        final PrintStream err, final PoolDirectory pool, final boolean serial, final Path temporaryJournal)
    {
        this.err = err;
        this.pool = pool;
        this.serial = serial;
        this.temporaryJournal = temporaryJournal;
    }

    /**
     * @param err              where the line goes.
     * @param pool             the run's pool, which its own shutdown removes with the commands' output.
     * @param serial           true if the pool runs commands in this process: then nothing removes its directory
     *                         but this, and its commands die with this process.
     * @param temporaryJournal the run's journal to remove once the pool is gone, null to keep the journal.
     * @return the handling, installed.
     */
    static ShellShutdown install(
        final PrintStream err, final PoolDirectory pool, final boolean serial, final Path temporaryJournal)
    {
        final ShellShutdown shutdown = new ShellShutdown(err, pool, serial, temporaryJournal);
        Runtime.getRuntime().addShutdownHook(shutdown.hook);
        return shutdown;
    }

    /**
     * @param action what stops the run's printing, done first.
     */
    void onStop(final Runnable action)
    {
        silence = action;
    }

    /**
     * @return true once the JVM shuts down mid-run: what fails from then on is the run being stopped, to be
     *         passed over in silence; the exit code is the signal's.
     */
    boolean isStopping()
    {
        return stopping;
    }

    @Override
    public void close()
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException shuttingDown)
        {
            // the hook runs: the run's files go
        }
    }

    /**
     * The pool's shutdown kills the spokes, then removes its directory: after that nothing writes the journal.
     */
    private void stop()
    {
        stopping = true;
        silence.run();
        err.println("spm shell: stopped by a signal: the running commands are killed and the run's files removed");
        err.flush();
        if (serial)
        {
            pool.delete();
        }
        final long limitNs = System.nanoTime() + POOL_REMOVAL_LIMIT_NS;
        while (Files.exists(pool.path()) && System.nanoTime() < limitNs)
        {
            LockSupport.parkNanos(POLL_NS);
        }
        if (null != temporaryJournal)
        {
            Directories.deleteRecursively(temporaryJournal);
        }
    }
}

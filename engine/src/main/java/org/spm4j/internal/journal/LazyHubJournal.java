package org.spm4j.internal.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.spm4j.TaskFailure;
import org.spm4j.internal.codec.AllowListFilter;
import org.spm4j.shm.journal.ErrorJournal;
import org.spm4j.shm.journal.ErrorKind;

/**
 * A serial pool's journal, opened at the first failure when it held nothing at the pool's start: a serial pool
 * whose tasks all succeed never loads Chronicle, which takes a cold JVM a few hundred milliseconds of CPU, and
 * leaves an empty directory only. Every record of a journal empty at the start is the pool's, and the in-process
 * spoke opens it through {@link #errorJournal()}, hub side first, so opening it late loses nothing. A journal with
 * records from before (a persistent one, reused) is opened at once, in the background, for the hub to know which
 * records are older than the pool. A local pool opens its journal at its start: its spokes write their queues
 * before its hub would open them, and never make a journal directory their hub has not. Hub thread only, as
 * {@link ChronicleHubJournal}.
 */
public final class LazyHubJournal implements HubJournal, AutoCloseable
{
    private final Path directory;
    private final Supplier<ChronicleHubJournal> opener;
    private CompletableFuture<ChronicleHubJournal> opening;
    private ChronicleHubJournal hubJournal;

    /**
     * @param directory the journal's directory, created now if absent.
     * @param poolId    the pool.
     * @param filter    which exception classes may be rebuilt from their bytes.
     * @param retention which cycles of the journal to release.
     */
    public LazyHubJournal(
        final Path directory, final String poolId, final AllowListFilter filter, final JournalRetention retention)
    {
        this.directory = directory;
        final boolean history = Journals.holdsQueueFiles(directory);
        this.opener = () -> new ChronicleHubJournal(Journals.open(directory), poolId, filter, retention, history);
        if (history)
        {
            opening = CompletableFuture.supplyAsync(opener);
        }
        else
        {
            createDirectory(directory);
        }
    }

    @Override
    public TaskFailure failureAt(final long journalIndex, final long taskId, final int attempt, final int spokeId)
    {
        return hubJournal().failureAt(journalIndex, taskId, attempt, spokeId);
    }

    @Override
    public TaskFailure append(
        final ErrorKind kind,
        final long taskId,
        final int attempt,
        final String closureName,
        final int spokeId,
        final long pid,
        final Throwable cause,
        final long runId,
        final byte[] argument,
        final byte[] closure)
    {
        return hubJournal().append(kind, taskId, attempt, closureName, spokeId, pid, cause, runId, argument, closure);
    }

    @Override
    public int maxRecordLength()
    {
        return hubJournal().maxRecordLength();
    }

    /**
     * @return the journal's directory.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * @return the journal itself for spokes in this process, opened, with the hub's side, when first asked for.
     */
    public Supplier<ErrorJournal> errorJournal()
    {
        return () -> hubJournal().journal();
    }

    @Override
    public synchronized void close()
    {
        if (null != opening && null == hubJournal)
        {
            hubJournal = opening.join();
        }
        if (null != hubJournal)
        {
            hubJournal.close();
        }
    }

    private synchronized ChronicleHubJournal hubJournal()
    {
        if (null == hubJournal)
        {
            hubJournal = null != opening ? opening.join() : opener.get();
        }
        return hubJournal;
    }

    private static void createDirectory(final Path directory)
    {
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the error journal " + directory, ex);
        }
    }
}

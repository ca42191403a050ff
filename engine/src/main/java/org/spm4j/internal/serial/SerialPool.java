package org.spm4j.internal.serial;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.Codec;
import org.spm4j.internal.AbstractPool;
import org.spm4j.internal.PoolConfig;
import org.spm4j.internal.closure.ClosureCache;
import org.spm4j.internal.codec.AllowListFilter;
import org.spm4j.internal.codec.Codecs;
import org.spm4j.internal.codec.JavaSerialization;
import org.spm4j.internal.codec.LargeValues;
import org.spm4j.internal.farm.FarmCore;
import org.spm4j.internal.farm.HubDriver;
import org.spm4j.internal.farm.Transport;
import org.spm4j.internal.journal.JournalRetention;
import org.spm4j.internal.journal.LazyHubJournal;
import org.spm4j.internal.task.TaskEvaluator;
import org.spm4j.shm.PoolDirectory;
import org.spm4j.shm.ValueSegments;
import org.spm4j.shm.closure.ClosureTableReader;
import org.spm4j.shm.mailbox.MessageLimits;

/**
 * A pool whose only spoke is the calling thread. Tasks go through the same closure table, codecs,
 * evaluator, journal and policies as on a local pool, deterministically. One thread.
 */
public final class SerialPool extends AbstractPool
{
    private final PoolDirectory directory;
    private final LazyHubJournal journal;
    private final SerialTransport transport;

    /**
     * @param config options.
     */
    public SerialPool(final PoolConfig config)
    {
        super(config);
        directory = PoolDirectory.create(config.root(), id);
        final UnsafeBuffer closureTable = new UnsafeBuffer(ByteBuffer.allocateDirect(config.closureTableLength()));
        useClosureTable(closureTable);

        journal = new LazyHubJournal(
            null != config.persistentJournal() ? config.persistentJournal() : directory.journalDirectory(), id, filter,
            JournalRetention.of(null != config.persistentJournal()));

        final JavaSerialization spokeSide = new JavaSerialization(new AllowListFilter(config.allowedClasses()));
        final Codec spokeCodec = Codecs.create(config.codec(), spokeSide);
        final ClosureCache closures = new ClosureCache(new ClosureTableReader(closureTable), spokeSide);
        transport = new SerialTransport((spokeId, messenger, appender) -> new TaskEvaluator(id, spokeId, closures,
            new LargeValues(spokeCodec, ValueSegments.ofSpoke(directory, spokeId)), appender, messenger,
            MessageLimits.maxResultLength(config.inboxCapacity())), spokeCodec, journal.errorJournal(),
            config.inboxCapacity(),
            ValueSegments.ofHub(directory));
    }

    @Override
    public int spokeCount()
    {
        return 1;
    }

    @Override
    public boolean isSerial()
    {
        return true;
    }

    @Override
    public Path journalDirectory()
    {
        return journal.directory();
    }

    @Override
    protected LazyHubJournal journal()
    {
        return journal;
    }

    @Override
    protected Transport transport()
    {
        return transport;
    }

    @Override
    protected HubDriver driverFor(final FarmCore core)
    {
        transport.attach(core);
        return new SerialHubDriver(core, transport, id);
    }

    @Override
    public void close()
    {
        sharedArrays().closeAll();
        journal.close();
        directory.delete();
        removeRootIfDefault();
    }
}

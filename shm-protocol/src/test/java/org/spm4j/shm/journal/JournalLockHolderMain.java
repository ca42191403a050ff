package org.spm4j.shm.journal;

import java.nio.file.Path;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Starts an append, so holding the queue's write lock with a half-written excerpt, prints
 * {@code holding} and waits to be killed: a spoke that dies in the middle of an append.
 */
public final class JournalLockHolderMain
{
    private JournalLockHolderMain()
    {
    }

    @SuppressWarnings("resource")
    public static void main(final String[] args) throws InterruptedException
    {
        final SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(Path.of(args[0])).build();
        final ExcerptAppender appender = queue.createAppender();
        final DocumentContext context = appender.writingDocument();
        context.wire().bytes().writeByte(ErrorRecordCodec.SCHEMA_VERSION);
        System.out.println("holding");
        Thread.sleep(Long.MAX_VALUE);
        context.close();
    }
}

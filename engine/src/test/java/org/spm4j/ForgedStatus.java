package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageSender;
import org.spm4j.shm.mailbox.StatusFlyweight;
import org.spm4j.shm.mailbox.TaskOutcome;

/**
 * A status written into the hub inbox by a rogue writer, well formed, naming whatever task, attempt and spoke
 * the test likes; its result is text, for a pool with the {@link TextCodec}.
 */
final class ForgedStatus
{
    private ForgedStatus()
    {
    }

    static void send(final PoolFile poolFile, final long taskId, final int attempt, final int spokeId,
        final String result)
    {
        final UnsafeBuffer payload = new UnsafeBuffer(result.getBytes(StandardCharsets.UTF_8));
        assertTrue(new MessageSender().sendStatus(hubInbox(poolFile), taskId, attempt, spokeId, TaskOutcome.OK,
            StatusFlyweight.NO_JOURNAL_INDEX, payload, 0, payload.capacity()), "the hub inbox is full");
    }

    /**
     * Wait until the hub has read everything in its inbox, the forged statuses included.
     */
    static void awaitRead(final PoolFile poolFile)
    {
        final Inbox inbox = hubInbox(poolFile);
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (inbox.size() > 0)
        {
            assertTrue(System.nanoTime() < deadlineNs, "the hub did not read its inbox within 30 s");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static Inbox hubInbox(final PoolFile poolFile)
    {
        return new Inbox("hub inbox", poolFile.hubInboxBuffer(), Long.MAX_VALUE);
    }
}

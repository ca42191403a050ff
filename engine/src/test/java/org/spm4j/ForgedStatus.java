package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageSender;
import org.spm4j.shm.mailbox.StatusFlyweight;
import org.spm4j.shm.mailbox.TaskOutcome;

/**
 * A status written into a spoke's outbox by a rogue writer, well formed, naming whatever task, attempt and spoke
 * the test likes; its result is text, for a pool with the {@link TextCodec}. An outbox has one writer: the spoke
 * must be blocked in a task, sending nothing, meanwhile.
 */
final class ForgedStatus
{
    private ForgedStatus()
    {
    }

    /**
     * @param outboxOf the spoke whose outbox it goes to.
     * @param spokeId  the spoke it names as its sender.
     */
    static void send(final PoolFile poolFile, final int outboxOf, final long taskId, final int attempt,
        final int spokeId, final String result)
    {
        final UnsafeBuffer payload = new UnsafeBuffer(result.getBytes(StandardCharsets.UTF_8));
        assertTrue(new MessageSender().sendStatus(Inbox.outboxOf(poolFile, outboxOf), taskId, attempt, spokeId,
            TaskOutcome.OK, StatusFlyweight.NO_JOURNAL_INDEX, payload, 0, payload.capacity()), "the outbox is full");
    }

    /**
     * Wait until the hub has read everything in a spoke's outbox, the forged statuses included.
     */
    static void awaitRead(final PoolFile poolFile, final int outboxOf)
    {
        final Inbox outbox = Inbox.outboxOf(poolFile, outboxOf);
        PoolProbe.awaitTrue(() -> 0 == outbox.size(), "the hub read " + outbox.name());
    }
}

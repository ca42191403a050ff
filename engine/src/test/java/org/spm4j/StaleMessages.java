package org.spm4j;

import java.nio.charset.StandardCharsets;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.spm4j.internal.local.LocalPool;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageSender;

/**
 * Writes, as an outsider would, a request into spoke 0's outbox and a reply into its inbox that belong to an
 * attempt that has already ended. The outbox has one writer: spoke 0 must be blocked in a task meanwhile.
 */
final class StaleMessages
{
    private StaleMessages()
    {
    }

    static void inject(final LocalPool pool, final long taskId, final int staleAttempt)
    {
        try (PoolFile poolFile = PoolFile.open(
            pool.directory().resolve("pool.shm"), SystemEpochClock.INSTANCE, 60_000))
        {
            final MessageSender sender = new MessageSender();
            final ExpandableArrayBuffer encoded = new ExpandableArrayBuffer();
            final byte[] text = "stale".getBytes(StandardCharsets.UTF_8);
            encoded.putByte(0, (byte)9);
            encoded.putBytes(1, text);
            final UnsafeBuffer payload = new UnsafeBuffer(encoded, 0, 1 + text.length);
            if (!sender.sendRequest(Inbox.outboxOf(poolFile, 0), 1, taskId, staleAttempt, 0, payload, 0,
                payload.capacity()) ||
                !sender.sendReply(new Inbox("spoke 0 inbox", poolFile.spokeInboxBuffer(0), Long.MAX_VALUE), 1, taskId,
                staleAttempt, payload, 0, payload.capacity()))
            {
                throw new IllegalStateException("an inbox is full");
            }
        }
    }
}

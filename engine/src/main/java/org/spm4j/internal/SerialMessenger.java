package org.spm4j.internal;

import org.agrona.DirectBuffer;
import org.spm4j.Codec;
import org.spm4j.shm.mailbox.RequestFlyweight;

/**
 * A serial pool's messenger: a task's request goes straight to the hub's handler on the same thread,
 * through the same codec and checks as between processes.
 */
final class SerialMessenger extends TaskMessenger
{
    private final SerialTransport transport;
    private long correlationIds;

    SerialMessenger(final Codec codec, final SerialTransport transport)
    {
        super(codec);
        this.transport = transport;
    }

    @Override
    DirectBuffer request(final DirectBuffer payload, final int length, final boolean expectsReply)
    {
        final long correlationId = expectsReply ? ++correlationIds : RequestFlyweight.NO_REPLY;
        final DirectBuffer reply = transport.request(taskId(), attempt(), correlationId, payload, length);
        if (expectsReply && null == reply)
        {
            throw new IllegalStateException("the hub did not answer the request of task " + taskId() + " attempt " +
                attempt());
        }
        return reply;
    }
}

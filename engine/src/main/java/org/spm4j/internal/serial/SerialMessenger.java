package org.spm4j.internal.serial;

import org.agrona.DirectBuffer;
import org.spm4j.Codec;
import org.spm4j.internal.task.TaskMessenger;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageLimits;
import org.spm4j.shm.mailbox.MessageTypes;
import org.spm4j.shm.mailbox.PeerFlyweight;
import org.spm4j.shm.mailbox.RequestFlyweight;

/**
 * A serial pool's messenger: a task's request goes straight to the hub's handler on the same thread,
 * and a crew rank's messages to the other ranks' mailboxes, through the same codec and checks as
 * between processes, the size limit of an inbox included.
 */
public final class SerialMessenger extends TaskMessenger
{
    private final SerialTransport transport;
    private final SerialCrew crew;
    private final int spokeId;
    private long correlationIds;

    /**
     * @param crew    the crew whose rank this messenger's tasks run, null outside a crew.
     * @param spokeId the spoke this messenger's tasks run on, as errors name it.
     */
    SerialMessenger(final Codec codec, final SerialTransport transport, final SerialCrew crew, final int spokeId)
    {
        super(codec);
        this.transport = transport;
        this.crew = crew;
        this.spokeId = spokeId;
    }

    @Override
    protected void sendPeer(final int to, final int tag, final DirectBuffer payload, final int length)
    {
        MessageLimits.checkMessageLength(Inbox.spokeInboxName(to), MessageTypes.PEER,
            PeerFlyweight.HEADER_LENGTH + length, transport.inboxCapacity());
        crew.post(rank(), to, tag, payload, length);
    }

    @Override
    protected DirectBuffer receivePeer(final int from, final int tag)
    {
        return crew.await(rank(), from, tag);
    }

    @Override
    public DirectBuffer request(final DirectBuffer payload, final int length, final boolean expectsReply)
    {
        MessageLimits.checkMessageLength(Inbox.outboxName(spokeId), MessageTypes.REQUEST,
            RequestFlyweight.HEADER_LENGTH + length, transport.inboxCapacity());
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

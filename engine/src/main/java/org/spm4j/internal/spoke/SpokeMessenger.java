package org.spm4j.internal.spoke;

import org.agrona.DirectBuffer;
import org.spm4j.Codec;
import org.spm4j.internal.task.TaskMessenger;
import org.spm4j.shm.mailbox.RequestFlyweight;

/**
 * A spoke's messenger: requests go to the hub through the spoke's outbox; an {@code ask} waits in the spoke's own
 * inbox for the reply to its correlation id, task and attempt.
 */
public final class SpokeMessenger extends TaskMessenger
{
    private final SpokeAgent agent;
    private long correlationIds;

    SpokeMessenger(final Codec codec, final SpokeAgent agent)
    {
        super(codec);
        this.agent = agent;
    }

    @Override
    protected void sendPeer(final int to, final int tag, final DirectBuffer payload, final int length)
    {
        agent.sendPeer(generation(), rank(), to, tag, payload, length);
    }

    @Override
    protected DirectBuffer receivePeer(final int from, final int tag)
    {
        return agent.awaitPeer(generation(), rank(), size(), from, tag);
    }

    @Override
    public DirectBuffer request(final DirectBuffer payload, final int length, final boolean expectsReply)
    {
        final long correlationId = expectsReply ? ++correlationIds : RequestFlyweight.NO_REPLY;
        agent.sendRequest(correlationId, taskId(), attempt(), payload, length);
        return expectsReply ? agent.awaitReply(correlationId, taskId(), attempt()) : null;
    }
}

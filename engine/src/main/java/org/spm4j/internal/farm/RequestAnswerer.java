package org.spm4j.internal.farm;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.spm4j.Codec;
import org.spm4j.Request;
import org.spm4j.RequestHandler;
import org.spm4j.shm.mailbox.RequestFlyweight;

/**
 * Puts a running task's request to the coordinator's handler and sends the reply back to its spoke; a handler
 * that throws ends the run, as any hub callback does. Hub thread only.
 */
final class RequestAnswerer
{
    private final RequestHandler handler;
    private final Codec codec;
    private final Transport transport;
    private final TaskOutcomes outcomes;
    private final ExpandableArrayBuffer replyBuffer = new ExpandableArrayBuffer(256);

    /**
     * @param handler the coordinator's handler; null if tasks may not ask, and their requests are dropped.
     */
    RequestAnswerer(
        final RequestHandler handler, final Codec codec, final Transport transport, final TaskOutcomes outcomes)
    {
        this.handler = handler;
        this.codec = codec;
        this.transport = transport;
        this.outcomes = outcomes;
    }

    void answer(
        final FarmTask task, final long correlationId, final DirectBuffer payload, final int offset, final int length)
    {
        if (null == handler)
        {
            return;
        }
        try
        {
            final boolean expectsReply = RequestFlyweight.NO_REPLY != correlationId;
            final Object reply = handler.onRequest(
                new Request(task.id, task.attempt, task.spokeId, codec.decode(payload, offset, length), expectsReply));
            if (expectsReply)
            {
                final int replyLength = codec.encode(reply, replyBuffer, 0);
                transport.reply(task.spokeId, correlationId, task.id, task.attempt, replyBuffer, replyLength);
            }
        }
        catch (final RuntimeException | Error ex)
        {
            outcomes.callbackFailed(task, ex);
        }
    }
}

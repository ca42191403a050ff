package org.spm4j.internal.local;

import java.util.function.Supplier;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.spm4j.internal.farm.FarmCore;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.mailbox.BatchFlyweight;
import org.spm4j.shm.mailbox.MessageTypes;
import org.spm4j.shm.mailbox.RequestFlyweight;
import org.spm4j.shm.mailbox.StatusFlyweight;
import org.spm4j.shm.mailbox.TaskOutcome;

/**
 * What spokes send the hub, handed to the online farm: statuses and requests, each from the spoke whose outbox it
 * came through. A spoke that sends a message that does not decode, or that names another spoke as its sender, or
 * whose outbox is corrupt, is broken or hostile: it is killed, its tasks go through the policy as if it had
 * crashed, and it is started again. A status dropped (no run online, or not from the spoke its attempt went to)
 * still lets go of the value segments its results reference. Hub thread only.
 */
final class SpokeMessages implements Outboxes.Handler
{
    private final LocalTransport transport;
    private final Supplier<FarmCore> core;
    private final StatusFlyweight status = new StatusFlyweight();
    private final RequestFlyweight request = new RequestFlyweight();
    private final MessageHandler batchElement = this::onBatchElement;
    private int batchSender;

    /**
     * @param transport the spokes, to condemn one.
     * @param core      the run online now, null if none.
     */
    SpokeMessages(final LocalTransport transport, final Supplier<FarmCore> core)
    {
        this.transport = transport;
        this.core = core;
    }

    @Override
    public void onMessage(
        final int spokeId, final int typeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        try
        {
            dispatch(spokeId, typeId, buffer, index, length);
        }
        catch (final ProtocolException ex)
        {
            transport.condemn(spokeId, "sent the hub a malformed message (" + ex.getMessage() + ")");
        }
    }

    @Override
    public void onCorrupt(final int spokeId, final String what)
    {
        transport.outboxCorrupt(spokeId, what);
    }

    private void onBatchElement(final int typeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        onMessage(batchSender, typeId, buffer, index, length);
    }

    private void dispatch(
        final int spokeId, final int typeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (MessageTypes.BATCH == typeId)
        {
            batchSender = spokeId;
            BatchFlyweight.forEachElement(buffer, index, length, batchElement);
            return;
        }
        final FarmCore online = core.get();
        if (MessageTypes.REQUEST == typeId)
        {
            request.wrap(buffer, index, length);
            checkSender(spokeId, typeId, request.spokeId());
            if (null != online)
            {
                online.onRequest(request.taskId(), request.attempt(), spokeId, request.correlationId(), buffer,
                    request.payloadOffset(), request.payloadLength());
            }
            return;
        }
        if (MessageTypes.STATUS != typeId)
        {
            throw new ProtocolException("a " + MessageTypes.name(typeId) + " message, which no online manager takes");
        }
        status.wrap(buffer, index, length);
        checkSender(spokeId, typeId, status.spokeId());
        if (null != online && isFromItsSpoke(online, spokeId))
        {
            onStatus(online, buffer);
        }
        else
        {
            discardResults(buffer);
        }
    }

    private void discardResults(final MutableDirectBuffer buffer)
    {
        if (TaskOutcome.OK == status.outcome())
        {
            transport.segments().discardResult(buffer, status.payloadOffset(), status.payloadLength());
        }
        else if (TaskOutcome.ELEMENTS == status.outcome())
        {
            transport.segments().discardResults(buffer, status.payloadOffset(), status.payloadLength());
        }
    }

    private void onStatus(final FarmCore online, final MutableDirectBuffer buffer)
    {
        switch (status.outcome())
        {
            case OK -> online.onCompleted(
                status.taskId(), status.attempt(), buffer, status.payloadOffset(), status.payloadLength());
            case FAILED -> online.onFailed(status.taskId(), status.attempt(), status.journalIndex());
            case CANCELLED -> online.onCancelled(status.taskId(), status.attempt());
            case ELEMENTS -> online.onChunkPart(status.taskId(), status.attempt(), status.journalIndex(),
                buffer, status.payloadOffset(), status.payloadLength());
            default -> throw new ProtocolException("unknown outcome " + status.outcome());
        }
    }

    /**
     * Only a spoke's own outbox carries its messages, so a message naming another sender cannot be its own.
     */
    private static void checkSender(final int spokeId, final int typeId, final int named)
    {
        if (named != spokeId)
        {
            throw new ProtocolException("a " + MessageTypes.name(typeId) + " message that names spoke " + named +
                " as its sender");
        }
    }

    private boolean isFromItsSpoke(final FarmCore online, final int spokeId)
    {
        if (online.isFromItsSpoke(status.taskId(), status.attempt(), spokeId))
        {
            return true;
        }
        System.err.println("spm4j: hub dropped a status of task " + status.taskId() + " attempt " + status.attempt() +
            " from spoke " + spokeId + ", which the attempt was not sent to");
        return false;
    }
}

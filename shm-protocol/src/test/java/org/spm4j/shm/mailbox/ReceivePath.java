package org.spm4j.shm.mailbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.spm4j.shm.ProtocolException;

/**
 * Decodes received messages the way the hub and the spokes do: by type id, through each type's
 * flyweight, every field read, every payload copied, batches opened element by element. Counts what
 * it decoded; the checksum only makes every read count.
 */
final class ReceivePath implements MessageHandler
{
    private final TaskFlyweight task = new TaskFlyweight();
    private final StatusFlyweight status = new StatusFlyweight();
    private final RequestFlyweight request = new RequestFlyweight();
    private final ReplyFlyweight reply = new ReplyFlyweight();
    private final PeerFlyweight peer = new PeerFlyweight();
    private final ControlFlyweight control = new ControlFlyweight();
    private int decoded;
    private long checksum;

    int decoded()
    {
        return decoded;
    }

    @Override
    public void onMessage(final int typeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        switch (typeId)
        {
            case MessageTypes.TASK -> task(task.wrap(buffer, index, length), index, length);
            case MessageTypes.STATUS -> status(status.wrap(buffer, index, length), index, length);
            case MessageTypes.REQUEST -> request(request.wrap(buffer, index, length), index, length);
            case MessageTypes.REPLY -> reply(reply.wrap(buffer, index, length), index, length);
            case MessageTypes.PEER -> peer(peer.wrap(buffer, index, length), index, length);
            case MessageTypes.CONTROL -> control(control.wrap(buffer, index, length));
            case MessageTypes.BATCH -> BatchFlyweight.forEachElement(buffer, index, length,
                (elementTypeId, elementBuffer, elementIndex, elementLength) ->
                {
                    assertTrue(elementLength >= 0 && elementIndex >= index + BatchFlyweight.HEADER_LENGTH &&
                        elementIndex + elementLength <= index + length,
                        () -> "element of " + elementLength + " bytes at " + elementIndex + " is not inside the " +
                        length + "-byte BATCH at " + index);
                    onMessage(elementTypeId, elementBuffer, elementIndex, elementLength);
                });
            default -> throw new ProtocolException("the receive path got a " + MessageTypes.name(typeId) +
                " message it does not handle");
        }
        decoded++;
    }

    private void task(final TaskFlyweight message, final int index, final int length)
    {
        checksum += message.taskId() + message.runId() + message.deadlineMs() + message.closureId() +
            message.attempt() + message.flags();
        payload(message, index, length);
    }

    private void status(final StatusFlyweight message, final int index, final int length)
    {
        checksum += message.taskId() + message.journalIndex() + message.attempt() + message.spokeId() +
            message.outcome().code();
        payload(message, index, length);
    }

    private void request(final RequestFlyweight message, final int index, final int length)
    {
        checksum += message.correlationId() + message.taskId() + message.attempt() + message.spokeId();
        payload(message, index, length);
    }

    private void reply(final ReplyFlyweight message, final int index, final int length)
    {
        checksum += message.correlationId() + message.taskId() + message.attempt();
        payload(message, index, length);
    }

    private void peer(final PeerFlyweight message, final int index, final int length)
    {
        checksum += message.generation() + message.from() + message.to() + message.tag();
        payload(message, index, length);
    }

    private void control(final ControlFlyweight message)
    {
        checksum += message.command().code() + message.value();
    }

    private void payload(final PayloadFlyweight message, final int index, final int length)
    {
        final int payloadLength = message.payloadLength();
        assertTrue(payloadLength >= 0 && message.payloadOffset() >= index &&
            message.payloadOffset() + payloadLength == index + length,
            () -> MessageTypes.name(message.typeId()) + " payload of " + payloadLength + " bytes at " +
            message.payloadOffset() + " is not the rest of the " + length + "-byte message at " + index);
        checksum += message.payloadBytes().length;
    }
}

package org.spm4j.internal;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.spm4j.Codec;
import org.spm4j.ParallelInvariantException;
import org.spm4j.shm.mailbox.TaskFlyweight;

/**
 * The messenger of one task at a time: checks what the task's manager allows, encodes with the pool's
 * codec, and leaves the carrying to the pool kind. One thread.
 */
abstract class TaskMessenger implements Messenger
{
    private final Codec codec;
    private final ExpandableArrayBuffer encoded = new ExpandableArrayBuffer(256);
    private long taskId;
    private int attempt;
    private int flags;

    TaskMessenger(final Codec codec)
    {
        this.codec = codec;
    }

    void begin(final long taskId, final int attempt, final int flags)
    {
        this.taskId = taskId;
        this.attempt = attempt;
        this.flags = flags;
    }

    long taskId()
    {
        return taskId;
    }

    int attempt()
    {
        return attempt;
    }

    @Override
    public Object ask(final Object request)
    {
        checkMayRequest("ask");
        final int length = encode(request);
        final DirectBuffer reply = request(encoded, length, true);
        return codec.decode(reply, 0, reply.capacity());
    }

    @Override
    public void tell(final Object note)
    {
        checkMayRequest("tell");
        request(encoded, encode(note), false);
    }

    /**
     * Carry a request to the hub.
     *
     * @param payload      the encoded request.
     * @param length       its length.
     * @param expectsReply true to wait for the hub's reply.
     * @return the encoded reply, or null when none is expected.
     */
    abstract DirectBuffer request(DirectBuffer payload, int length, boolean expectsReply);

    private int encode(final Object message)
    {
        return codec.encode(message, encoded, 0);
    }

    private void checkMayRequest(final String operation)
    {
        if (0 == (flags & TaskFlyweight.MAY_REQUEST))
        {
            throw new ParallelInvariantException("task " + taskId + " may not " + operation + " the hub: only " +
                "tasks of a Coordinator send requests");
        }
    }
}

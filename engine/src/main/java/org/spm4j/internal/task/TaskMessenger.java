package org.spm4j.internal.task;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.spm4j.Codec;
import org.spm4j.ParallelInvariantException;
import org.spm4j.shm.mailbox.TaskFlyweight;

/**
 * The messenger of one task at a time: checks what the task's manager allows, encodes with the pool's
 * codec, and leaves the carrying to the pool kind. One thread.
 */
public abstract class TaskMessenger implements Messenger, PeerChannel
{
    private final Codec codec;
    private final ExpandableArrayBuffer encoded = new ExpandableArrayBuffer(256);
    private long taskId;
    private int attempt;
    private int flags;
    private long generation;
    private int rank;
    private int size;

    /**
     * @param codec how messages' values become bytes.
     */
    public TaskMessenger(final Codec codec)
    {
        this.codec = codec;
    }

    void begin(final long taskId, final long runId, final int attempt, final int flags)
    {
        this.taskId = taskId;
        this.attempt = attempt;
        this.flags = flags;
        this.generation = runId << 16 ^ attempt;
    }

    /**
     * The running task is rank {@code rank} of a crew of {@code size}.
     */
    void beginCrew(final int rank, final int size)
    {
        this.rank = rank;
        this.size = size;
    }

    protected final long generation()
    {
        return generation;
    }

    protected final long taskId()
    {
        return taskId;
    }

    protected final int attempt()
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

    @Override
    public PeerChannel peers(final String operation)
    {
        if (0 == (flags & TaskFlyweight.MAY_MESSAGE_PEERS))
        {
            throw new ParallelInvariantException(operation + " called by task " + taskId + ", which is not a crew's: " +
                "only crew tasks may message other spokes");
        }
        return this;
    }

    @Override
    public int rank()
    {
        return rank;
    }

    @Override
    public int size()
    {
        return size;
    }

    @Override
    public void send(final int to, final int tag, final Object message)
    {
        checkRank(to, "send to");
        sendPeer(to, tag, encoded, encode(message));
    }

    @Override
    public Object receive(final int from, final int tag)
    {
        checkRank(from, "receive from");
        final DirectBuffer message = receivePeer(from, tag);
        return codec.decode(message, 0, message.capacity());
    }

    /**
     * Carry a message to another rank.
     */
    protected abstract void sendPeer(int to, int tag, DirectBuffer payload, int length);

    /**
     * Wait for the next message from a rank with a tag.
     *
     * @return the encoded message.
     */
    protected abstract DirectBuffer receivePeer(int from, int tag);

    /**
     * Carry a request to the hub.
     *
     * @param payload      the encoded request.
     * @param length       its length.
     * @param expectsReply true to wait for the hub's reply.
     * @return the encoded reply, or null when none is expected.
     */
    public abstract DirectBuffer request(DirectBuffer payload, int length, boolean expectsReply);

    private int encode(final Object message)
    {
        return codec.encode(message, encoded, 0);
    }

    private void checkRank(final int peer, final String what)
    {
        if (peer < 0 || peer >= size || peer == rank)
        {
            throw new IllegalArgumentException("rank " + rank + " cannot " + what + " rank " + peer + " in a crew of " +
                size);
        }
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

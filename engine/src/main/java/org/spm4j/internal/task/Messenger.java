package org.spm4j.internal.task;

/**
 * What a running task may send, besides its result. Each pool kind provides its own; the task reaches
 * it through {@link TaskContext}.
 */
public interface Messenger
{
    /**
     * @param request sent to the hub.
     * @return the hub's reply.
     */
    Object ask(Object request);

    /**
     * @param note sent to the hub, no reply.
     */
    void tell(Object note);

    /**
     * @param operation what was called, for the message.
     * @return the running crew task's channel to its peers.
     * @throws org.spm4j.ParallelInvariantException if the task is not a crew's.
     */
    PeerChannel peers(String operation);
}

package org.spm4j.internal;

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
}

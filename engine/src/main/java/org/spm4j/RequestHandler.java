package org.spm4j;

/**
 * The hub's message closure of a {@link Coordinator}: answers each request of a task, on the hub thread,
 * one at a time, while the coordinator is online. It may only reply: it cannot send to a spoke
 * unasked.
 */
@FunctionalInterface
public interface RequestHandler
{
    /**
     * @param request what a task sent.
     * @return the reply an {@code ask} gets back (ignored for a {@code tell}); may be null.
     */
    Object onRequest(Request request);
}

package org.spm4j;

/**
 * A message a task sent to the hub with {@link Coordinator#ask} or {@link Coordinator#tell}, as the hub's
 * request handler sees it.
 *
 * @param taskId        the task that sent it.
 * @param attempt       its attempt.
 * @param spokeId       the spoke it runs on.
 * @param message       what it sent, decoded.
 * @param expectsReply  true for {@code ask}, false for {@code tell}.
 */
public record Request(long taskId, int attempt, int spokeId, Object message, boolean expectsReply)
{
}

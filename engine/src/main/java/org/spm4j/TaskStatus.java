package org.spm4j;

/**
 * A task's change of state, as the status callback of a manager sees it on the hub thread.
 *
 * @param taskId  the task.
 * @param attempt the attempt, 1 for the first.
 * @param spokeId the spoke it ran on, -1 if it never ran.
 * @param state   what happened.
 */
public record TaskStatus(long taskId, int attempt, int spokeId, State state)
{
    /**
     * What happened to the task.
     */
    public enum State
    {
        /** It returned a result. */
        COMPLETED,
        /** It failed and the policy gave it up (failed, collected or ignored). */
        FAILED,
        /** It failed and will run again. */
        RETRYING,
        /** It was cancelled before finishing. */
        CANCELLED
    }
}

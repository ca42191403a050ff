package org.spm4j.internal.local;

import java.time.Duration;

/**
 * A spoke JVM as the hub sees it, whether the hub launched it or it attached from outside.
 */
public interface SpokeProcess
{
    /**
     * @return its process id, 0 while not known.
     */
    long pid();

    /**
     * @return false once the process is gone; a slot still waiting for a spoke to attach counts as alive.
     */
    boolean isAlive();

    /**
     * Kill the process and wait a while for it to be gone.
     */
    void kill();

    /**
     * @param timeout how long to wait.
     * @return true if the process is gone.
     */
    boolean awaitExit(Duration timeout);

    /**
     * @return how the process ended, for a message; only once it is gone.
     */
    String exitDescription();

    /**
     * @return how the process ended in a few words, e.g. "was killed by signal 9 (SIGKILL)"; only once it is gone.
     */
    default String exitSummary()
    {
        return "ended";
    }

    /**
     * @return true if something outside killed it with a signal, rather than it exiting by itself; only once it
     * is gone. A spoke killed while it starts is not one that cannot start.
     */
    default boolean wasKilled()
    {
        return false;
    }
}

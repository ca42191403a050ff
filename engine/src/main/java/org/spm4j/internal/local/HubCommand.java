package org.spm4j.internal.local;

/**
 * A user thread's request to the hub thread: run there, or, once the hub has ended, abandoned with the
 * reason, so that whoever waits for it learns at once.
 */
interface HubCommand
{
    /**
     * Hub thread only.
     */
    void run();

    /**
     * @param cause why the hub will never run it.
     */
    void abandon(RuntimeException cause);
}

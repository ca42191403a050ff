package org.spm4j;

/**
 * How an idle spoke waits for work.
 */
public enum SpokeIdle
{
    /** Spin: lowest latency, burns a core per spoke. */
    BUSY_SPIN,
    /** Spin, then yield, then park with growing pauses: the default. */
    BACKOFF
}

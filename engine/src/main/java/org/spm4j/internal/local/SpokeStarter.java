package org.spm4j.internal.local;

import org.spm4j.shm.SpokeSlot;

/**
 * How a local pool gets a spoke into a slot: by launching a JVM, or by waiting for one started outside.
 */
public interface SpokeStarter
{
    /**
     * @param slot an empty slot.
     * @return the spoke that fills or will fill it.
     */
    SpokeProcess start(SpokeSlot slot);

    /**
     * @return true if spokes are started outside the hub: a spoke that dies before READY then only frees its
     * slot for another, instead of failing the pool's start.
     */
    boolean isExternal();
}

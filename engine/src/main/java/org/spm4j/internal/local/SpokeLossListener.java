package org.spm4j.internal.local;

/**
 * Hears from the transport of a spoke it found dead, before the transport launches a replacement.
 */
@FunctionalInterface
interface SpokeLossListener
{
    /**
     * @param spokeId       the spoke.
     * @param pid           the process that died.
     * @param runningTaskId the task its slot said it was running.
     * @param how           what happened to it, e.g. "died".
     */
    void onSpokeLost(int spokeId, long pid, long runningTaskId, String how);
}

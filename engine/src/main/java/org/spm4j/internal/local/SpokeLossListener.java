package org.spm4j.internal.local;

import org.spm4j.shm.journal.ErrorKind;

/**
 * Hears from the transport of a spoke it found dead or killed as frozen, before the transport launches a replacement.
 */
@FunctionalInterface
interface SpokeLossListener
{
    /**
     * @param spokeId       the spoke.
     * @param pid           the process that died.
     * @param runningTaskId the task its slot said it was running.
     * @param kind          SPOKE_CRASHED, or SPOKE_UNRESPONSIVE for one killed for missing its heartbeat.
     * @param how           what happened to it, e.g. "died (it exited with status 3)".
     */
    void onSpokeLost(int spokeId, long pid, long runningTaskId, ErrorKind kind, String how);
}

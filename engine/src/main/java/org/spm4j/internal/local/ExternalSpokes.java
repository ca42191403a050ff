package org.spm4j.internal.local;

import org.spm4j.internal.spoke.SpokeCommand;
import org.spm4j.shm.SpokeSlot;

/**
 * Spokes started outside the hub, by {@code spm spokes} or by hand with a {@link SpokeCommand}: the hub
 * leaves a slot empty and waits for a spoke to claim it.
 */
public final class ExternalSpokes implements SpokeStarter
{
    @Override
    public SpokeProcess start(final SpokeSlot slot)
    {
        return new AttachedSpokeProcess(slot);
    }

    @Override
    public boolean isExternal()
    {
        return true;
    }
}

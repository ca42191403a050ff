package org.spm4j.internal.farm;

import org.spm4j.Closure;

/**
 * What a manager run needs of the pool it runs on, so that the farm does not depend on how pools are built.
 */
public interface FarmHost
{
    /**
     * @param closure a closure a task names.
     * @throws IllegalArgumentException if the pool did not define it.
     */
    void checkOwnClosure(Closure<?, ?> closure);

    /**
     * @return the most bytes an encoded argument may take in one task message.
     */
    int maxArgumentLength();

    /**
     * The run has ended: another manager may come online.
     */
    void offline();
}

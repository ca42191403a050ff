package org.spm4j;

import java.io.Serializable;

/**
 * The code of a task: evaluated on a spoke (or in the calling thread of a serial pool) for one argument.
 * It is serialized once when defined, so everything it captures must be serializable.
 *
 * @param <A> argument type.
 * @param <R> result type.
 */
@FunctionalInterface
public interface TaskClosure<A, R> extends Serializable
{
    /**
     * @param argument the task's argument, decoded on the spoke.
     * @return the result, encoded back to the hub.
     * @throws Exception whatever the task throws is the task's failure, handled by the error policy.
     */
    R apply(A argument) throws Exception;
}

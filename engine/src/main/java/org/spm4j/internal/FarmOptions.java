package org.spm4j.internal;

import java.time.Duration;
import java.util.function.Consumer;

import org.spm4j.ErrorPolicy;
import org.spm4j.TaskStatus;

/**
 * Options a task farm comes online with.
 *
 * @param errorPolicy what to do with failures.
 * @param deadline    per-task hard deadline, null for none.
 * @param onStatus    status callback, null for none.
 * @param window      most tasks in flight per spoke.
 */
public record FarmOptions(ErrorPolicy errorPolicy, Duration deadline, Consumer<TaskStatus> onStatus,
    int window)
{
    /**
     * @return the status callback, or one that does nothing.
     */
    public Consumer<TaskStatus> statusCallback()
    {
        return null == onStatus ? status -> { } : onStatus;
    }
}

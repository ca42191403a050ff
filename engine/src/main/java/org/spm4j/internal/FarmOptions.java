package org.spm4j.internal;

import java.time.Duration;
import java.util.function.Consumer;

import org.spm4j.ErrorPolicy;
import org.spm4j.RequestHandler;
import org.spm4j.TaskStatus;
import org.spm4j.shm.mailbox.TaskFlyweight;

/**
 * Options a task farm (or a coordinator, a task farm whose tasks may ask the hub) comes online with.
 *
 * @param kind           what the manager is called in messages, e.g. "task farm".
 * @param errorPolicy    what to do with failures.
 * @param deadline       per-task hard deadline, null for none.
 * @param onStatus       status callback, null for none.
 * @param window         most tasks in flight per spoke.
 * @param requestHandler answers tasks' requests on the hub thread; null if tasks may not ask.
 */
public record FarmOptions(
    String kind,
    ErrorPolicy errorPolicy,
    Duration deadline,
    Consumer<TaskStatus> onStatus,
    int window,
    RequestHandler requestHandler)
{
    /**
     * @return the status callback, or one that does nothing.
     */
    public Consumer<TaskStatus> statusCallback()
    {
        return null == onStatus ? status -> { } : onStatus;
    }

    /**
     * @return which messages the manager's tasks may send.
     */
    public int messageFlags()
    {
        return null == requestHandler ? 0 : TaskFlyweight.MAY_REQUEST;
    }
}

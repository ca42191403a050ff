package org.spm4j.internal.farm;

import org.spm4j.shm.mailbox.MessageTooLargeException;
import org.spm4j.shm.mailbox.StatusFlyweight;
import org.spm4j.shm.mailbox.TaskFlyweight;

/**
 * The largest argument and result an inbox of a given capacity carries, the same in serial and local
 * pools so both refuse the same values.
 */
public final class MessageLimits
{
    private MessageLimits()
    {
    }

    /** Mirrors the ring buffer's limit: an eighth of its capacity per message. */
    public static int maxMessageLength(final int inboxCapacity)
    {
        return inboxCapacity / 8;
    }

    public static int maxArgumentLength(final int inboxCapacity)
    {
        return maxMessageLength(inboxCapacity) - TaskFlyweight.HEADER_LENGTH;
    }

    public static int taskLength(final FarmTask task)
    {
        return TaskFlyweight.HEADER_LENGTH + task.argument.length;
    }

    public static int maxResultLength(final int inboxCapacity)
    {
        return maxMessageLength(inboxCapacity) - StatusFlyweight.HEADER_LENGTH;
    }

    /**
     * Refuses a message of a serial pool, which has no inboxes, as the inbox of a local pool would.
     *
     * @param inboxName     the inbox the message would go to in a local pool.
     * @param typeId        the message type.
     * @param length        the message length, fixed fields included.
     * @param inboxCapacity the pool's inbox capacity.
     * @throws MessageTooLargeException if the message is longer than an inbox carries.
     */
    public static void checkMessageLength(final String inboxName, final int typeId, final int length, final int inboxCapacity)
    {
        if (length > maxMessageLength(inboxCapacity))
        {
            throw new MessageTooLargeException(inboxName, typeId, length, maxMessageLength(inboxCapacity));
        }
    }
}

package org.spm4j.internal;

import org.spm4j.shm.mailbox.StatusFlyweight;
import org.spm4j.shm.mailbox.TaskFlyweight;

/**
 * The largest argument and result an inbox of a given capacity carries, the same in serial and local
 * pools so both refuse the same values.
 */
final class MessageLimits
{
    private MessageLimits()
    {
    }

    /** Mirrors the ring buffer's limit: an eighth of its capacity per message. */
    static int maxMessageLength(final int inboxCapacity)
    {
        return inboxCapacity / 8;
    }

    static int maxArgumentLength(final int inboxCapacity)
    {
        return maxMessageLength(inboxCapacity) - TaskFlyweight.HEADER_LENGTH;
    }

    static int maxResultLength(final int inboxCapacity)
    {
        return maxMessageLength(inboxCapacity) - StatusFlyweight.HEADER_LENGTH;
    }
}

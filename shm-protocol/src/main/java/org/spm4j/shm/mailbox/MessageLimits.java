package org.spm4j.shm.mailbox;

/**
 * The longest message an inbox of a given ring capacity carries, and so the largest task argument and task
 * result. Stated here from the capacity alone, so the hub can size batches before any inbox exists and a
 * serial pool, which has no inboxes, refuses the same messages a local pool's inboxes would. Stateless.
 */
public final class MessageLimits
{
    private MessageLimits()
    {
    }

    /**
     * The rule of Agrona's {@link org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer} and
     * {@link org.agrona.concurrent.ringbuffer.OneToOneRingBuffer}, which an {@link Inbox} wraps: an eighth of the
     * ring's capacity per message. A spoke's inbox and outbox have the same capacity, so a task's result is bound
     * as its argument is.
     *
     * @param inboxCapacity ring capacity of the inbox, trailer excluded.
     * @return the longest message, fixed fields included, the inbox carries.
     */
    public static int maxMessageLength(final int inboxCapacity)
    {
        return inboxCapacity / 8;
    }

    /**
     * @param inboxCapacity ring capacity of the inbox.
     * @return the largest argument a TASK to that inbox carries.
     */
    public static int maxArgumentLength(final int inboxCapacity)
    {
        return maxMessageLength(inboxCapacity) - TaskFlyweight.HEADER_LENGTH;
    }

    /**
     * @param inboxCapacity ring capacity of the inbox.
     * @return the largest result a STATUS to that inbox carries.
     */
    public static int maxResultLength(final int inboxCapacity)
    {
        return maxMessageLength(inboxCapacity) - StatusFlyweight.HEADER_LENGTH;
    }

    /**
     * Refuse a message longer than an inbox of that capacity carries, as {@link Inbox#tryClaim} would, for a
     * sender that has no inbox to claim from.
     *
     * @param inboxName     the inbox the message is for, e.g. {@link Inbox#outboxName}.
     * @param typeId        the message type.
     * @param length        the message length, fixed fields included.
     * @param inboxCapacity ring capacity of the inbox.
     * @throws MessageTooLargeException if the message is longer than the inbox carries.
     */
    public static void checkMessageLength(
        final String inboxName, final int typeId, final int length, final int inboxCapacity)
    {
        if (length > maxMessageLength(inboxCapacity))
        {
            throw new MessageTooLargeException(inboxName, typeId, length, maxMessageLength(inboxCapacity));
        }
    }
}

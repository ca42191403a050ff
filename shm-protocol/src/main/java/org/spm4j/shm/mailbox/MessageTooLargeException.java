package org.spm4j.shm.mailbox;

/**
 * A message is larger than an inbox can carry. Thrown at the sender, before anything is written.
 */
public final class MessageTooLargeException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param inboxName   the inbox that refused it.
     * @param typeId      the message type.
     * @param length      the message length, fixed fields included.
     * @param maxLength   the most the inbox carries in one message.
     */
    public MessageTooLargeException(final String inboxName, final int typeId, final int length, final int maxLength)
    {
        super(MessageTypes.name(typeId) + " message of " + length + " bytes exceeds the " + maxLength +
            "-byte message limit of " + inboxName);
    }
}

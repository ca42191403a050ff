package org.spm4j.shm.mailbox;

/**
 * Type ids of the messages that travel through inboxes, carried as the ring record's type id.
 * Ring buffers reserve type ids below 1.
 */
public final class MessageTypes
{
    /** Hub to spoke: run a task, see {@link TaskFlyweight}. */
    public static final int TASK = 1;
    /** Spoke to hub: a task ended, see {@link StatusFlyweight}. */
    public static final int STATUS = 2;
    /** Spoke to hub: a request awaiting a reply, see {@link RequestFlyweight}. */
    public static final int REQUEST = 3;
    /** Hub to spoke: the reply to a request, see {@link ReplyFlyweight}. */
    public static final int REPLY = 4;
    /** Spoke to spoke: a peer message, see {@link PeerFlyweight}. */
    public static final int PEER = 5;
    /** Hub to spoke: a control command, see {@link ControlFlyweight}. */
    public static final int CONTROL = 6;
    /** Several messages in one record, see {@link BatchFlyweight}. */
    public static final int BATCH = 7;

    private static final String[] NAMES =
        { "UNKNOWN", "TASK", "STATUS", "REQUEST", "REPLY", "PEER", "CONTROL", "BATCH" };

    private MessageTypes()
    {
    }

    /**
     * @param typeId a message type id.
     * @return its name, or "UNKNOWN(id)".
     */
    public static String name(final int typeId)
    {
        return typeId >= TASK && typeId <= BATCH ? NAMES[typeId] : "UNKNOWN(" + typeId + ")";
    }
}

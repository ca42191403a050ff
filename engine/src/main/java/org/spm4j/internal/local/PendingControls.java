package org.spm4j.internal.local;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.spm4j.shm.mailbox.ControlCommand;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageSender;

/**
 * Controls (CANCEL, SHUTDOWN) are never dropped: one that finds its spoke's inbox full waits here, in order, and
 * goes as soon as the spoke has read enough to make room; a spoke that never reads again is caught by its
 * heartbeat or its death, and its controls go with it. Hub thread only, or the closing thread once the hub
 * has stopped.
 */
final class PendingControls
{
    private record Control(ControlCommand command, long value)
    {
    }

    private final MessageSender sender;
    private final Inbox[] inboxes;
    private final List<ArrayDeque<Control>> waiting = new ArrayList<>();
    private int waitingCount;

    PendingControls(final MessageSender sender, final Inbox[] inboxes)
    {
        this.sender = sender;
        this.inboxes = inboxes;
        for (int spokeId = 0; spokeId < inboxes.length; spokeId++)
        {
            waiting.add(new ArrayDeque<>());
        }
    }

    void send(final int spokeId, final ControlCommand command, final long value)
    {
        if (!waiting.get(spokeId).isEmpty() || !sender.sendControl(inboxes[spokeId], command, value))
        {
            waiting.get(spokeId).add(new Control(command, value));
            waitingCount++;
        }
    }

    /**
     * @return controls sent now that had waited.
     */
    int retry()
    {
        if (0 == waitingCount)
        {
            return 0;
        }
        int sent = 0;
        for (int spokeId = 0; spokeId < inboxes.length; spokeId++)
        {
            final ArrayDeque<Control> queue = waiting.get(spokeId);
            Control next;
            while (null != (next = queue.peekFirst()) && sender.sendControl(inboxes[spokeId], next.command, next.value))
            {
                queue.pollFirst();
                sent++;
            }
        }
        waitingCount -= sent;
        return sent;
    }

    /**
     * The spoke is gone: what waited for it no longer matters.
     */
    void discard(final int spokeId)
    {
        waitingCount -= waiting.get(spokeId).size();
        waiting.get(spokeId).clear();
    }
}

package org.spm4j.internal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;
import org.spm4j.shm.mailbox.ControlCommand;
import org.spm4j.shm.mailbox.ControlFlyweight;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageSender;
import org.spm4j.shm.mailbox.MessageTypes;

/**
 * A control that finds its spoke's inbox full is not dropped: it goes, in order, once the spoke reads.
 */
class PendingControlsTest
{
    private static final int CAPACITY = 1024;

    private final Inbox inbox = new Inbox("the test inbox",
        new UnsafeBuffer(ByteBuffer.allocateDirect(CAPACITY + RingBufferDescriptor.TRAILER_LENGTH)), Long.MAX_VALUE);
    private final MessageSender sender = new MessageSender();
    private final PendingControls controls = new PendingControls(sender, new Inbox[] {inbox});
    private final ControlFlyweight control = new ControlFlyweight();

    @Test
    void shouldSendAControlThatFoundTheInboxFullOnceTheSpokeReads()
    {
        int filler = 0;
        while (sender.sendControl(inbox, ControlCommand.CANCEL_TASK, filler))
        {
            filler++;
        }

        controls.send(0, ControlCommand.CANCEL_TASK, 1_000);
        controls.send(0, ControlCommand.SHUTDOWN, 0);
        assertEquals(0, controls.retry(), "the inbox is still full");

        final List<String> received = new ArrayList<>();
        while (received.size() < filler + 2)
        {
            inbox.read((typeId, buffer, index, length) ->
            {
                assertEquals(MessageTypes.CONTROL, typeId);
                control.wrap(buffer, index, length);
                received.add(control.command() + " " + control.value());
            }, Integer.MAX_VALUE);
            controls.retry();
        }

        assertEquals(List.of("CANCEL_TASK 1000", "SHUTDOWN 0"), received.subList(filler, filler + 2));
        assertEquals(0, controls.retry());
    }

    @Test
    void shouldForgetTheControlsOfASpokeThatIsGone()
    {
        while (sender.sendControl(inbox, ControlCommand.CANCEL_TASK, 0))
        {
            Thread.onSpinWait();
        }
        controls.send(0, ControlCommand.SHUTDOWN, 0);

        controls.discard(0);
        inbox.read((typeId, buffer, index, length) -> { }, Integer.MAX_VALUE);

        assertEquals(0, controls.retry());
    }
}

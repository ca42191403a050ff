package org.spm4j.shm.mailbox;

import org.spm4j.shm.ProtocolException;

/**
 * Commands a CONTROL message carries.
 */
public enum ControlCommand
{
    /** Finish the current task, if any, then exit. Value unused. */
    SHUTDOWN(1),
    /** Drop the task whose id is the value if it has not started. */
    CANCEL_TASK(2),
    /** The closure table fence advanced to the value. */
    FENCE_ADVANCED(3);

    private final int code;

    ControlCommand(final int code)
    {
        this.code = code;
    }

    /**
     * @return the value carried on the wire.
     */
    public int code()
    {
        return code;
    }

    /**
     * @param code a value read from the wire.
     * @return the command.
     * @throws ProtocolException if no command has that code.
     */
    public static ControlCommand fromCode(final int code)
    {
        for (final ControlCommand command : values())
        {
            if (command.code == code)
            {
                return command;
            }
        }
        throw new ProtocolException("control command code " + code + " is unknown");
    }
}

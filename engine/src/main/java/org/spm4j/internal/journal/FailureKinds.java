package org.spm4j.internal.journal;

import org.spm4j.FailureKind;
import org.spm4j.shm.journal.ErrorKind;

/**
 * How the kind of an error journal record is shown to users: each {@link ErrorKind} is the {@link FailureKind}
 * of the same name, and every failure kind is one of them. Stateless.
 */
public final class FailureKinds
{
    private FailureKinds()
    {
    }

    /**
     * @param kind the kind of a journal record.
     * @return the failure kind users see for it.
     */
    public static FailureKind of(final ErrorKind kind)
    {
        return switch (kind)
        {
            case TASK_FAILED -> FailureKind.TASK_FAILED;
            case SPOKE_CRASHED -> FailureKind.SPOKE_CRASHED;
            case DEADLINE_EXCEEDED -> FailureKind.DEADLINE_EXCEEDED;
            case HUB_CALLBACK_FAILED -> FailureKind.HUB_CALLBACK_FAILED;
            case PROTOCOL_VIOLATION -> FailureKind.PROTOCOL_VIOLATION;
            case CREW_FAILED -> FailureKind.CREW_FAILED;
            case SPOKE_UNRESPONSIVE -> FailureKind.SPOKE_UNRESPONSIVE;
            case NO_SPOKES -> FailureKind.NO_SPOKES;
        };
    }
}

package org.spm4j;

/**
 * Why a task attempt failed.
 */
public enum FailureKind
{
    /** The closure threw. */
    TASK_FAILED,
    /** The spoke running it died. */
    SPOKE_CRASHED,
    /** It ran past its deadline and its spoke was killed. */
    DEADLINE_EXCEEDED,
    /** A hub callback threw while the manager was online. */
    HUB_CALLBACK_FAILED,
    /** A member of a crew failed, so the whole crew did. */
    CREW_FAILED,
    /** Something broke the protocol: a closure beyond the fence, a value that cannot be decoded. */
    PROTOCOL_VIOLATION,
    /** The spoke running it stopped heartbeating (frozen or stopped) and was killed. */
    SPOKE_UNRESPONSIVE,
    /** No spoke could run it: none is live and none can be started, or the spoke it needs was given up on. */
    NO_SPOKES
}

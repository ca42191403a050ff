package org.spm4j.shm.journal;

import org.spm4j.shm.ProtocolException;

/**
 * What went wrong, as recorded in the error journal. Each kind has a numeric code that is part of the
 * journal's schema: codes are never reused or renumbered, new kinds take new codes.
 */
public enum ErrorKind
{
    /** A task closure threw on a spoke; written by that spoke. */
    TASK_FAILED(1),

    /** A spoke died while it held a task; written by the hub on the spoke's behalf. */
    SPOKE_CRASHED(2),

    /** A task ran past its deadline and was stopped; written by the hub. */
    DEADLINE_EXCEEDED(3),

    /** A callback the user gave the hub threw; written by the hub. */
    HUB_CALLBACK_FAILED(4),

    /** A participant broke the shared-memory protocol; written by whoever noticed. */
    PROTOCOL_VIOLATION(5),

    /** A crew failed as one unit because one of its spokes failed; written by the hub. */
    CREW_FAILED(6),

    /** A spoke stopped heartbeating (frozen, stopped) and was killed; written by the hub on its behalf. */
    SPOKE_UNRESPONSIVE(7),

    /** No spoke could run a task: none is live and none can be started; written by the hub. */
    NO_SPOKES(8);

    private static final ErrorKind[] BY_CODE = byCode();

    private final int code;

    ErrorKind(final int code)
    {
        this.code = code;
    }

    /**
     * @return the stable code stored in the journal for this kind.
     */
    public int code()
    {
        return code;
    }

    /**
     * @param code a code read from the journal.
     * @return the kind with that code.
     * @throws ProtocolException if no kind has that code.
     */
    public static ErrorKind fromCode(final int code)
    {
        final ErrorKind kind = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (kind == null)
        {
            throw new ProtocolException("unknown error kind code " + code);
        }
        return kind;
    }

    private static ErrorKind[] byCode()
    {
        int maxCode = 0;
        for (final ErrorKind kind : values())
        {
            maxCode = Math.max(maxCode, kind.code);
        }
        final ErrorKind[] byCode = new ErrorKind[maxCode + 1];
        for (final ErrorKind kind : values())
        {
            if (byCode[kind.code] != null)
            {
                throw new IllegalStateException("duplicate error kind code " + kind.code);
            }
            byCode[kind.code] = kind;
        }
        return byCode;
    }
}

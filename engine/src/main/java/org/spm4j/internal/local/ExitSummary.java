package org.spm4j.internal.local;

/**
 * How a spoke JVM ended, in a few words for a failure record: its own exit, a signal, or running out of
 * memory (a spoke exits on OutOfMemoryError and says so on stderr). Stateless.
 */
final class ExitSummary
{
    private static final int SIGNAL_BASE = 128;
    private static final int MAX_SIGNAL = 64;
    private static final String[] SIGNAL_NAMES = new String[MAX_SIGNAL + 1];

    static
    {
        SIGNAL_NAMES[1] = "SIGHUP";
        SIGNAL_NAMES[2] = "SIGINT";
        SIGNAL_NAMES[6] = "SIGABRT";
        SIGNAL_NAMES[9] = "SIGKILL";
        SIGNAL_NAMES[11] = "SIGSEGV";
        SIGNAL_NAMES[15] = "SIGTERM";
    }

    private ExitSummary()
    {
    }

    /**
     * @param status the exit status as the JVM reports a child's: 128 + n for a child killed by signal n.
     * @return true if the status is that of a process killed by a signal.
     */
    static boolean isSignal(final int status)
    {
        return status > SIGNAL_BASE && status <= SIGNAL_BASE + MAX_SIGNAL;
    }

    /**
     * @param status     the exit status.
     * @param stderrTail the last lines it wrote to stderr.
     * @return e.g. "was killed by signal 9 (SIGKILL)", "ran out of memory (exit status 3)", "exited with status 1".
     */
    static String of(final int status, final String stderrTail)
    {
        if (isSignal(status))
        {
            final int signal = status - SIGNAL_BASE;
            return "was killed by signal " + signal + (null == SIGNAL_NAMES[signal] ? "" : " (" + SIGNAL_NAMES[signal] +
                ")");
        }
        if (stderrTail.contains("OutOfMemoryError"))
        {
            return "ran out of memory (exit status " + status + ")";
        }
        return "exited with status " + status;
    }
}

package org.spm4j.internal.shell;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The lifeline of the commands this process runs, one small {@code sh} per process rather than one per
 * command. Each command leads a session of its own, registered here while it runs. The reaper reads the
 * registrations from a pipe whose only writer is this process: when this process dies, however it dies (a
 * spoke SIGKILLed, or halted because its hub died), the pipe ends and the reaper kills every session still
 * registered, the process group at once, then, in a few rounds, the members that moved to another group, as
 * {@code timeout} does. The reaper leads a session of its own and ignores the terminal's signals, so that a
 * Ctrl-C that takes this process down leaves it to do its work. Thread-safe.
 */
final class SessionReaper
{
    /**
     * Run as {@code sh -c SCRIPT}: keeps the registered sessions as " id id ... ", lines "+ ID" and "- ID" adding
     * and removing one; at the end of its stdin kills them. Fields of {@code /proc/<pid>/stat} after the
     * parenthesised name: state, parent, process group, session.
     */
    private static final String SCRIPT = "trap '' INT TERM HUP QUIT; s=' '; " +
        "while read -r o p; do case $o in +) s=\"$s$p \";; -) s=\"${s%% $p *} ${s#* $p }\";; esac; done; " +
        "[ \"$s\" = ' ' ] && exit 0; for p in $s; do kill -9 -$p; done; n=0; while [ $n -lt 20 ]; do f=; " +
        "for q in /proc/[0-9]*; do read -r l <$q/stat || continue; set -f; set -- ${l##*\") \"}; set +f; " +
        "case \"$s\" in *\" $4 \"*) [ \"$1\" != Z ] && kill -9 ${q#/proc/} && f=1;; esac; done; " +
        "[ -z \"$f\" ] && break; n=$((n+1)); done";

    private final String setsid;
    private final Set<Long> sessions = new LinkedHashSet<>();
    private Process reaper;

    /**
     * @param setsid the {@code setsid} program.
     */
    SessionReaper(final String setsid)
    {
        this.setsid = setsid;
    }

    /**
     * Start the reaper if none runs, before a command starts: a command must never run unregistered for the time a
     * reaper takes to start, or a spoke killed then would leave it running.
     *
     * @throws IOException if no reaper can be started.
     */
    synchronized void ensureRunning() throws IOException
    {
        if (null == reaper || !reaper.isAlive())
        {
            restart();
        }
    }

    /**
     * @param sessionId a command's session, to be killed if this process dies before {@link #release} is called.
     * @throws IOException if no reaper can be started: the command must not run without one.
     */
    synchronized void register(final long sessionId) throws IOException
    {
        sessions.add(sessionId);
        if (!tell("+ " + sessionId))
        {
            restart();
        }
    }

    /**
     * @param sessionId a command's session whose members are all gone.
     */
    synchronized void release(final long sessionId)
    {
        if (sessions.remove(sessionId))
        {
            tell("- " + sessionId);
        }
    }

    /**
     * A reaper that died (killed by hand) is replaced and told every session that still runs.
     */
    private void restart() throws IOException
    {
        if (null != reaper)
        {
            reaper.destroyForcibly();
        }
        reaper = new ProcessBuilder(setsid, ProcessTree.SH, "-c", SCRIPT)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        for (final long sessionId : sessions)
        {
            if (!tell("+ " + sessionId))
            {
                throw new IOException("the reaper of this process's commands exited at once");
            }
        }
    }

    private boolean tell(final String line)
    {
        if (null == reaper)
        {
            return false;
        }
        try
        {
            final OutputStream pipe = reaper.getOutputStream();
            pipe.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            pipe.flush();
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}

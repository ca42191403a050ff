package org.spm4j.internal.shell;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * How a command is started so that it can be killed with every process it starts, and dies with the process
 * that started it. Where {@code setsid} is on the {@code PATH} the command runs under a small {@code sh}
 * wrapper that leads a session of its own, and every member of that session is killed, orphans whose parent
 * has exited included; a process can leave only by starting a session of its own, as daemons do. The
 * wrapper's stdin is the lifeline: a pipe whose only writer is the process that started the command, which
 * never writes to it. When that process dies, however it dies (a spoke SIGKILLed, or halted because its hub
 * died), the pipe ends, and a watcher the wrapper started kills the session, so no command outlives its
 * spoke. The command itself gets an empty stdin. Elsewhere only the command's descendants are found, an
 * orphan escapes, and nothing kills the command when its starter dies. Thread-safe.
 */
public final class ProcessTree
{
    private static final Path PROC = Path.of("/proc");
    private static final String SETSID = findOnPath("setsid");
    private static final long SESSION_KILL_LIMIT_NS = TimeUnit.SECONDS.toNanos(1);
    private static final String SH = "/bin/sh";

    /**
     * Run as {@code sh -c WRAPPER spm4j-shell SETSID REAPER argv...}, the session's leader. Its stdin, the
     * lifeline, moves to fd 3 for the watcher alone. The watcher reads it until it ends, then becomes the reaper
     * in a session of its own, which the kill of this session cannot reach; it is killed and reaped here once the
     * command has ended, so that a normal end leaves no orphan. The wrapper's own stderr is /dev/null and the
     * command runs in a subshell, so that no job status of the shell ("Killed") lands in the command's stderr.
     */
    private static final String WRAPPER = "x=$1 r=$2; shift 2; exec 3<&0 </dev/null 4>&2 2>/dev/null; " +
        "(while read -r _ <&3; do :; done; exec \"$x\" " + SH + " -c \"$r\" spm4j-reap $$) >/dev/null 4>&- & " +
        "w=$!; (\"$@\" 2>&4 3<&- 4>&-); c=$?; kill -9 $w; wait $w; exit $c";

    /**
     * Run as {@code sh -c REAPER spm4j-reap SESSION}: kills the session's process group at once, then, in a few
     * rounds, the members that moved to another group, as {@code timeout} does; fields of {@code /proc/<pid>/stat}
     * after the parenthesised name: state, parent, process group, session.
     */
    private static final String REAPER = "s=$1; kill -9 -$s; n=0; while [ $n -lt 20 ]; do f=; " +
        "for p in /proc/[0-9]*; do read -r l <$p/stat || continue; set -f; set -- ${l##*\") \"}; set +f; " +
        "[ \"$4\" = $s ] && [ \"$1\" != Z ] && kill -9 ${p#/proc/} && f=1; done; " +
        "[ -z \"$f\" ] && break; n=$((n+1)); done";

    private ProcessTree()
    {
    }

    /**
     * @param argv a command.
     * @return what to start so that it leads a session of its own where possible; where it does, the stdin of
     * what is started must stay open until the command has ended and {@link #killLeftovers} has run: closing it
     * kills the session.
     */
    static List<String> launcher(final List<String> argv)
    {
        if (null == SETSID)
        {
            return argv;
        }
        final List<String> launched = new ArrayList<>(argv.size() + 7);
        launched.add(SETSID);
        launched.add(SH);
        launched.add("-c");
        launched.add(WRAPPER);
        launched.add("spm4j-shell");
        launched.add(SETSID);
        launched.add(REAPER);
        launched.addAll(argv);
        return launched;
    }

    /**
     * @return true if what {@link #launcher(List)} gives reads a lifeline on its stdin; else that stdin is the
     * command's own, to be closed at once so that the command reads nothing.
     */
    static boolean hasLifeline()
    {
        return null != SETSID;
    }

    /**
     * Kill what was started first (the command, or its wrapper), so it starts nothing more, then generation by
     * generation every process under it, each searched before it is killed since its children leave its tree
     * when it dies; then whatever is left of its session. Returns once what was started has exited.
     *
     * @param process a command started with {@link #launcher(List)}.
     */
    static void kill(final Process process) throws InterruptedException
    {
        final Set<ProcessHandle> tree = new LinkedHashSet<>();
        process.descendants().forEach(tree::add);
        process.destroyForcibly();
        List<ProcessHandle> generation = List.copyOf(tree);
        while (!generation.isEmpty())
        {
            final List<ProcessHandle> next = new ArrayList<>();
            for (final ProcessHandle handle : generation)
            {
                handle.descendants().filter(tree::add).forEach(next::add);
                handle.destroyForcibly();
            }
            generation = next;
        }
        process.waitFor();
        killLeftovers(process);
    }

    /**
     * Kill what a command that has exited left running in its session. A session id is not reused while
     * a member of the session lives, so the members found are the command's. Members may start
     * processes until they are killed, hence the rounds.
     *
     * @param process a command started with {@link #launcher(List)} that has exited.
     */
    static void killLeftovers(final Process process)
    {
        if (null == SETSID)
        {
            return;
        }
        final long limitNs = System.nanoTime() + SESSION_KILL_LIMIT_NS;
        List<Long> members;
        while (!(members = liveMembers(process.pid())).isEmpty() && System.nanoTime() < limitNs)
        {
            members.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    private static List<Long> liveMembers(final long sessionId)
    {
        final List<Long> members = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*"))
        {
            for (final Path process : processes)
            {
                if (isLiveMember(process, sessionId))
                {
                    members.add(Long.parseLong(process.getFileName().toString()));
                }
            }
        }
        catch (final IOException ex)
        {
            // no /proc to search: the tree walk is all there is
        }
        return members;
    }

    /**
     * In {@code /proc/<pid>/stat}, after the parenthesised name: state, parent, process group, session.
     */
    private static boolean isLiveMember(final Path process, final long sessionId)
    {
        try
        {
            final String stat = Files.readString(process.resolve("stat"));
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 5);
            return !"Z".equals(fields[0]) && sessionId == Long.parseLong(fields[3]);
        }
        catch (final IOException | RuntimeException ex)
        {
            return false;
        }
    }

    private static String findOnPath(final String program)
    {
        final String path = System.getenv("PATH");
        if (null == path)
        {
            return null;
        }
        for (final String directory : path.split(File.pathSeparator))
        {
            final Path candidate = Path.of(directory, program);
            if (candidate.isAbsolute() && Files.isRegularFile(candidate) && Files.isExecutable(candidate))
            {
                return candidate.toString();
            }
        }
        return null;
    }
}

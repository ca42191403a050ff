package org.spm4j.internal.shell;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
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
 * that started it. Where {@code setsid} is on the {@code PATH} the command leads a session of its own, and every
 * member of that session is killed, orphans whose parent has exited included; a process can leave only by
 * starting a session of its own, as daemons do. While it runs, its session is registered with this process's
 * {@link SessionReaper}, which kills it if this process dies first. Elsewhere only the command's descendants are
 * found, an orphan escapes, and nothing kills the command when its starter dies. Thread-safe.
 */
public final class ProcessTree
{
    static final String SH = "/bin/sh";

    private static final Path PROC = Path.of("/proc");
    private static final String SETSID = findOnPath("setsid");
    private static final SessionReaper REAPER = null == SETSID ? null : new SessionReaper(SETSID);
    private static final long SESSION_KILL_LIMIT_NS = TimeUnit.SECONDS.toNanos(1);
    /**
     * Run as {@code sh -c GATE spm4j-gate argv...}: a command must not run before its session is registered, or a
     * process killed in between would leave it running; exec keeps the session leader's pid the command's.
     */
    private static final String GATE = "read -r _ || exit 125; exec \"$@\" </dev/null";

    private ProcessTree()
    {
    }

    /**
     * @param argv a command.
     * @return what to start so that it leads a session of its own where possible; where it does, it waits for a
     *         line on its stdin, given by {@link #register} once its session is registered, and then runs the
     *         command with an empty stdin; if its stdin ends first, its starter died and it runs nothing.
     */
    static List<String> launcher(final List<String> argv)
    {
        if (null == SETSID)
        {
            return argv;
        }
        final List<String> launched = new ArrayList<>(argv.size() + 5);
        launched.add(SETSID);
        launched.add(SH);
        launched.add("-c");
        launched.add(GATE);
        launched.add("spm4j-gate");
        launched.addAll(argv);
        return launched;
    }

    /**
     * @return true if what {@link #launcher(List)} starts reads its stdin, to be given by {@link #register}.
     */
    static boolean isGated()
    {
        return null != SETSID;
    }

    /**
     * Make ready what {@link #register} ties a command to; called before the command starts.
     *
     * @throws IOException if the reaper cannot be started.
     */
    static void prepareLifeline() throws IOException
    {
        if (null != REAPER)
        {
            REAPER.ensureRunning();
        }
    }

    /**
     * Tie a command just started to this process's life: if this process dies before {@link #release}, the
     * command's session is killed; then let it run.
     *
     * @param process a command started with {@link #launcher(List)}.
     * @throws IOException if the reaper cannot be started; the command was killed.
     */
    static void register(final Process process) throws IOException, InterruptedException
    {
        if (null == REAPER)
        {
            return;
        }
        try
        {
            REAPER.register(process.pid());
            final OutputStream gate = process.getOutputStream();
            gate.write('\n');
            gate.close();
        }
        catch (final IOException ex)
        {
            kill(process);
            throw ex;
        }
    }

    /**
     * @param process a command whose session has no member left, after {@link #killLeftovers} or {@link #kill}.
     */
    static void release(final Process process)
    {
        if (null != REAPER)
        {
            REAPER.release(process.pid());
        }
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

package org.spm4j;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The long chaos runs of {@code scripts/chaos}: a task farm, a coordinator and a crew, each a {@link ChaosRun}
 * on its own pool, with their figures printed. A watchdog prints a thread dump and ends the JVM if the whole
 * lasts longer than it allows, so that a hang is reported, never waited on.
 */
public final class ChaosMain
{
    private static final String USAGE = "usage: ChaosMain [--mode kill|stop|massacre] [--watchdog MINUTES] [TASKS] " +
        "[PERIOD_MS] [SPOKES]";
    /** How long a massacre lasts, at the start of each workload. */
    private static final long MASSACRE_MS = 10_000;
    private static final long DEFAULT_WATCHDOG_MINUTES = 20;
    private static final int HUNG = 3;
    /** How long the shutdown hooks (pools closing) may take before the JVM halts. */
    private static final long EXIT_GRACE_MS = 10_000;
    private static final long POLL_MS = 50;

    private ChaosMain()
    {
    }

    /**
     * Exits 0 if every run was {@link ChaosRun.Figures#clean() clean}, 1 if not, 2 on bad arguments, 3 if the
     * watchdog found the whole lasting longer than it allows (it prints a thread dump first).
     *
     * @param args {@code [--mode kill|stop|massacre] [--watchdog MINUTES] [tasks] [period ms] [spokes]}; defaults
     *             kill, 20 minutes, 1,000,000 tasks, the mode's period and 2 spokes. The coordinator runs a
     *             twentieth of the tasks; the crew runs a two-hundredth as often, with spokes killed five times
     *             less often in kill mode, as a crew rerun restarts every spoke. A massacre lasts 10 s at the
     *             start of each workload, which then runs all its tasks.
     * @throws IOException if the pool root cannot be made or emptied.
     */
    public static void main(final String[] args) throws IOException
    {
        final List<String> rest = new ArrayList<>(List.of(args));
        final ChaosMode mode;
        final long watchdogMinutes;
        final int tasks;
        final long periodMs;
        final int spokes;
        try
        {
            mode = ChaosMode.named(option(rest, "--mode", "kill"));
            watchdogMinutes = Long.parseLong(option(rest, "--watchdog", Long.toString(DEFAULT_WATCHDOG_MINUTES)));
            tasks = rest.size() > 0 ? Integer.parseInt(rest.get(0)) : 1_000_000;
            periodMs = rest.size() > 1 ? Long.parseLong(rest.get(1)) : mode.defaultPeriodMs();
            spokes = rest.size() > 2 ? Integer.parseInt(rest.get(2)) : 2;
            if (rest.size() > 3 || tasks < 1 || periodMs < 1 || spokes < 1 || watchdogMinutes < 1)
            {
                throw new IllegalArgumentException("arguments out of range: " + String.join(" ", args));
            }
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(ex.getMessage() + System.lineSeparator() + USAGE);
            System.exit(2);
            return;
        }
        final long chaosMs = ChaosMode.MASSACRE == mode ? MASSACRE_MS : Long.MAX_VALUE;
        final ChaosRun.Plan plan = new ChaosRun.Plan(mode, spokes, periodMs, chaosMs, Long.MAX_VALUE);
        final ChaosRun.Plan crewPlan = ChaosMode.KILL == mode ? plan.slower(5) : plan;
        final String during = ChaosMode.MASSACRE == mode ? " for the first " + MASSACRE_MS / 1000 + " s" : "";
        final Path root = Files.createTempDirectory(Path.of("/dev/shm"), "spm4j-chaos");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> removeOnceEmpty(root), "spm4j-chaos-root"));
        startWatchdog(watchdogMinutes, root);
        final List<ChaosRun.Figures> runs = new ArrayList<>();
        System.out.println("task farm, " + spokes + " spokes, " + mode.describe(periodMs) + during);
        runs.add(print(runIn(root, "farm", plan, ChaosRun.farm(tasks, 10_000))));
        System.out.println("coordinator, every task asks the hub, same chaos");
        runs.add(print(runIn(root, "coordinator", plan, ChaosRun.coordinator(tasks / 20, 1_000))));
        System.out.println("crew, allReduce over every rank, " + mode.describe(crewPlan.periodMs()) + during);
        runs.add(print(runIn(root, "crew", crewPlan, ChaosRun.crew(tasks / 200))));
        Files.delete(root);
        System.exit(runs.stream().allMatch(ChaosRun.Figures::clean) ? 0 : 1);
    }

    private static String option(final List<String> args, final String name, final String otherwise)
    {
        final int at = args.indexOf(name);
        if (at < 0)
        {
            return otherwise;
        }
        if (at + 1 == args.size())
        {
            throw new IllegalArgumentException(name + " needs a value");
        }
        final String value = args.remove(at + 1);
        args.remove(at);
        return value;
    }

    private static ChaosRun.Figures print(final ChaosRun.Figures figures)
    {
        System.out.println("  " + figures);
        return figures;
    }

    private static ChaosRun.Figures runIn(
        final Path root, final String name, final ChaosRun.Plan plan, final ChaosRun.Workload workload)
        throws IOException
    {
        final ChaosRun.Figures figures = ChaosRun.run(root.resolve(name), plan, workload);
        Files.deleteIfExists(root.resolve(name));
        return figures;
    }

    /**
     * On an exit the watchdog forced, the pools' shutdown hooks remove their directories meanwhile; what is left
     * then is ours. A file that stays is left for the run's report to show.
     */
    private static void removeOnceEmpty(final Path root)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_GRACE_MS / 2);
        try
        {
            while (Files.exists(root) && holdsFiles(root) && System.nanoTime() < deadlineNs)
            {
                Thread.sleep(POLL_MS);
            }
            if (Files.exists(root) && !holdsFiles(root))
            {
                try (Stream<Path> paths = Files.walk(root))
                {
                    for (final Path directory : paths.sorted(Comparator.reverseOrder()).toList())
                    {
                        Files.deleteIfExists(directory);
                    }
                }
            }
        }
        catch (final IOException | InterruptedException ex)
        {
            System.err.println("chaos: cannot remove " + root + ": " + ex);
        }
    }

    private static boolean holdsFiles(final Path root) throws IOException
    {
        try (Stream<Path> paths = Files.walk(root))
        {
            return paths.anyMatch(Files::isRegularFile);
        }
    }

    /**
     * A hung run must say where it hangs: every thread's stack and the lock it waits for, then an exit that
     * closes the pools through their shutdown hooks, and a halt if even that hangs.
     */
    private static void startWatchdog(final long minutes, final Path root)
    {
        final Thread watchdog = new Thread(() ->
        {
            try
            {
                Thread.sleep(TimeUnit.MINUTES.toMillis(minutes));
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            System.err.println("chaos: the run lasted over " + minutes + " minutes: it hangs (its pools are under " +
                root + "); every thread:");
            for (final ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true))
            {
                System.err.println(describe(thread));
            }
            final Thread halter = new Thread(() ->
            {
                try
                {
                    Thread.sleep(EXIT_GRACE_MS);
                }
                catch (final InterruptedException ignore)
                {
                    // halting anyway
                }
                Runtime.getRuntime().halt(HUNG);
            }, "spm4j-chaos-halter");
            halter.setDaemon(true);
            halter.start();
            System.exit(HUNG);
        }, "spm4j-chaos-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * {@link ThreadInfo#toString()} cuts stacks at eight frames; a hang needs them whole.
     */
    private static String describe(final ThreadInfo thread)
    {
        final StringBuilder text = new StringBuilder().append('"').append(thread.getThreadName()).append("\" ")
            .append(thread.getThreadState());
        if (null != thread.getLockName())
        {
            text.append(" on ").append(thread.getLockName());
        }
        if (null != thread.getLockOwnerName())
        {
            text.append(" owned by \"").append(thread.getLockOwnerName()).append('"');
        }
        for (final StackTraceElement frame : thread.getStackTrace())
        {
            text.append(System.lineSeparator()).append("    at ").append(frame);
        }
        return text.toString();
    }
}

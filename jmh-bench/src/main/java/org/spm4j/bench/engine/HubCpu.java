package org.spm4j.bench.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The hub's CPU time as secondary figures of a benchmark whose JVM is the hub: JMH reports each counter per
 * second, so a counter over {@link #tasks} is a cost per task. {@link #hubJvmCpuNs} is the CPU time of the whole
 * JVM, every thread of the hub included, and JMH's own; {@link #hubThreadsCpuNs} that of the hub thread and of the
 * benchmark's thread, which submits and, while it waits, runs the hub's duty cycle itself. One per benchmark thread.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class HubCpu
{
    /** Tasks run. */
    public long tasks;
    /** CPU time of the hub JVM, ns. */
    public long hubJvmCpuNs;
    /** CPU time of the hub thread and the benchmark thread, ns. */
    public long hubThreadsCpuNs;

    @Setup(Level.Iteration)
    public void reset()
    {
        tasks = 0;
        hubJvmCpuNs = 0;
        hubThreadsCpuNs = 0;
    }

    /**
     * @param count  tasks run between the two readings.
     * @param before {@link Clocks#read()} before them.
     * @param after  {@link Clocks#read()} after them.
     */
    void add(final int count, final long[] before, final long[] after)
    {
        tasks += count;
        hubJvmCpuNs += after[0] - before[0];
        hubThreadsCpuNs += after[1] - before[1];
    }

    /**
     * The CPU clocks of this JVM and of its hub thread, read from the benchmark's thread.
     */
    static final class Clocks
    {
        private static final String HUB_THREAD = "spm4j-hub";

        private final com.sun.management.OperatingSystemMXBean process =
            (com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean();
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final long hubThreadId;

        private Clocks(final long hubThreadId)
        {
            this.hubThreadId = hubThreadId;
        }

        /**
         * @return the clocks of the one pool's hub thread running in this JVM.
         * @throws IllegalStateException if there is none, or this JVM cannot read threads' CPU time.
         */
        static Clocks ofHub()
        {
            final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            if (!threads.isThreadCpuTimeSupported())
            {
                throw new IllegalStateException("this JVM cannot read a thread's CPU time");
            }
            threads.setThreadCpuTimeEnabled(true);
            return new Clocks(Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> HUB_THREAD.equals(thread.getName()))
                .mapToLong(Thread::getId)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no thread named " + HUB_THREAD)));
        }

        /**
         * @return {the JVM's CPU time, the hub thread's plus this thread's}, ns.
         */
        long[] read()
        {
            return new long[] {
                process.getProcessCpuTime(), threads.getThreadCpuTime(hubThreadId) + threads.getCurrentThreadCpuTime()
            };
        }
    }
}

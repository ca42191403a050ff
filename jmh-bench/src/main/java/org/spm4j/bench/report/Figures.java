package org.spm4j.bench.report;

import static org.spm4j.bench.report.Measure.named;
import static org.spm4j.bench.report.Measure.quotient;

import java.util.List;

/**
 * The rows of the comparison table: every figure of DESIGN.md section 9 with the peers measured beside it,
 * by the names {@link Rounds} gives the benchmarks' and probes' measurements.
 */
public final class Figures
{
    private static final String ROUND_TRIP = "TaskRoundTripBenchmark.roundTrip[await=join,idle=";
    private static final String CPU_FARM = "CpuFarmBenchmark.render[runner=";
    private static final String SERIAL = CPU_FARM + "serial] mean";
    private static final String ERROR_LATENCY = "ErrorPathBenchmark.failureLatency[spokes=1] ";
    private static final String APPLY_ASYNC = "python.applyAsync ";
    private static final String SHARED_SUM = "SharedSumBenchmark.sum[megabytes=";
    private static final String SHARE = "SharedSumBenchmark.share[megabytes=";

    private Figures()
    {
    }

    /**
     * @return the rows, in the order of section 9.
     */
    public static List<Row> rows()
    {
        final Row busySpin = Row.of("no-op task round trip p50, busy-spin idle (`submit` + `join`)",
            named(ROUND_TRIP + "BUSY_SPIN] p50"), Unit.NANOS);
        final Row backoff = Row.of("no-op task round trip p50, default backoff idle (`submit` + `join`)",
            named(ROUND_TRIP + "BACKOFF] p50"), Unit.NANOS);
        final Row submit = Row.of("no-op tasks through one spoke, one `submit` each (default window)",
            named("SubmitThroughputBenchmark.submitEach[window=0] rate"), Unit.RATE);
        final Row map = Row.of("no-op tasks through `map` (default chunks), 2 spokes",
            named("MapThroughputBenchmark.map[spokes=2] rate"), Unit.RATE);
        final Row speedUp = Row.of("CPU-bound farm speed-up, 2 spokes vs serial, spawn excluded",
            quotient(SERIAL, CPU_FARM + "spm4j-2] mean"), Unit.TIMES);
        final Row start = Row.of("`Pool.local(2)` start to both spokes READY, p50",
            named("PoolStartBenchmark.localTwo p50"), Unit.NANOS);
        final Row failure = Row.of("exception in spoke -> hub policy sees it, p50",
            named(ERROR_LATENCY + "p50"), Unit.NANOS);
        final Row failures = Row.of("failing tasks through the policy, none lost, 2 spokes",
            named("ErrorPathBenchmark.failureThroughput[spokes=2] rate"), Unit.RATE);
        final Row idleSpoke = Row.of("idle spoke resident memory, after start",
            named("memory.idleSpoke rss"), Unit.BYTES);
        return List.of(
            busySpin.tails(named(ROUND_TRIP + "BUSY_SPIN] p99"), named("InboxPingPongBenchmark.roundTrip" +
                "[echoIdle=busy-spin] p99"))
                .versus("raw inbox ping-pong, 2 JVMs, busy spin", named("InboxPingPongBenchmark.roundTrip" +
                    "[echoIdle=busy-spin] p50"))
                .target(Target.ratioAtMost(2)),
            busySpin.next().tails(named(ROUND_TRIP + "BUSY_SPIN] p99"), named("AeronIpcPingPongBenchmark.roundTrip" +
                " p99"))
                .versus("Aeron IPC ping-pong, 2 JVMs, busy spin", named("AeronIpcPingPongBenchmark.roundTrip p50")),
            Row.of("no-op task round trip, busy-spin idle, chained on the hub thread (p50 of chains of 1000)",
                named("HubThreadRoundTripBenchmark.chainedRoundTrips p50"), Unit.NANOS)
                .versus("raw inbox ping-pong, 2 JVMs, busy spin",
                    named("InboxPingPongBenchmark.roundTrip[echoIdle=busy-spin] p50")),
            backoff.tails(named(ROUND_TRIP + "BACKOFF] p99"), named("ExecutorHandOffBenchmark.roundTrip" +
                "[executor=ThreadPoolExecutor] p99"))
                .versus("`ThreadPoolExecutor` hand-off, 1 thread", named("ExecutorHandOffBenchmark.roundTrip" +
                    "[executor=ThreadPoolExecutor] p50"))
                .target(Target.ratioBelow(1)),
            backoff.next().tails(named(ROUND_TRIP + "BACKOFF] p99"), named("ExecutorHandOffBenchmark.roundTrip" +
                "[executor=ForkJoinPool] p99"))
                .versus("`ForkJoinPool` hand-off, 1 thread", named("ExecutorHandOffBenchmark.roundTrip" +
                    "[executor=ForkJoinPool] p50")),
            backoff.next().tails(named(ROUND_TRIP + "BACKOFF] p99"), named("PipeRoundTripBenchmark.roundTrip p99"))
                .versus("child JVM over stdin/stdout pipes", named("PipeRoundTripBenchmark.roundTrip p50")),
            backoff.next().tails(named(ROUND_TRIP + "BACKOFF] p99"), named(APPLY_ASYNC + "p99"))
                .versus("Python `Pool(1).apply_async` (fork)", named(APPLY_ASYNC + "p50")),
            submit.versus("Python `Pool(2).map`, chunksize 1", named("python.mapChunk1 rate"))
                .target(Target.ratioAtLeast(40)),
            submit.next().versus("`ThreadPoolExecutor`, 1 thread, one `submit` each",
                named("ExecutorHandOffBenchmark.throughput[executor=ThreadPoolExecutor] rate")),
            submit.next().versus("`ForkJoinPool`, 1 thread, one `submit` each",
                named("ExecutorHandOffBenchmark.throughput[executor=ForkJoinPool] rate")),
            Row.of("no-op tasks through one spoke, one `submit` each, window 1000",
                named("SubmitThroughputBenchmark.submitEach[window=1000] rate"), Unit.RATE)
                .versus("Python `Pool(2).map`, chunksize 1", named("python.mapChunk1 rate")),
            map.versus("Python `Pool(2).map`, chunksize 1000", named("python.mapChunk1000 rate"))
                .target(Target.ratioAtLeast(2)),
            speedUp.versus("`ForkJoinPool(2)` in one JVM", quotient(SERIAL, CPU_FARM + "forkjoin-2] mean"))
                .target(Target.atLeast(1.85, Unit.TIMES)),
            speedUp.next().versus("Python `Pool(2).map` (smaller image)", named("python.speedUp2 ratio")),
            Row.of("CPU-bound farm speed-up, 1 spoke vs serial", quotient(SERIAL, CPU_FARM + "spm4j-1] mean"),
                Unit.TIMES)
                .versus("`ForkJoinPool(1)` in one JVM", quotient(SERIAL, CPU_FARM + "forkjoin-1] mean")),
            start.versus("bare JVM printing hello", named("JvmStartBenchmark.helloJvm p50"))
                .target(Target.atMost(150e6, Unit.NANOS)),
            start.next().versus("Python `Pool(2)`, fork, both workers up", named("python.startFork p50")),
            start.next().versus("Python `Pool(2)`, spawn, both workers up", named("python.startSpawn p50")),
            failure.tails(named(ERROR_LATENCY + "p99"), null)
                .versus("Python `apply_async` with `error_callback`", named("python.errorCallback p50"))
                .target(Target.atMost(50e3, Unit.NANOS)),
            failures.versus("Python `Pool(2).apply_async` with `error_callback`", named("python.errorCallback rate"))
                .target(Target.atLeast(100e3, Unit.RATE)),
            Row.of("closure defined -> loaded in another JVM, p50 (protocol level)",
                named("ClosurePublishBenchmark.defineAndSee[followerIdle=busy-spin] p50"), Unit.NANOS)
                .tails(named("ClosurePublishBenchmark.defineAndSee[followerIdle=busy-spin] p99"), null)
                .target(Target.atMost(10e3, Unit.NANOS)),
            idleSpoke.versus("Python idle `Pool(2)` worker (fork)", named("python.idleWorker rss"))
                .target(Target.atMost(64 << 20, Unit.BYTES)),
            Row.of("idle spoke resident memory, after a 1M-task map", named("memory.idleSpokeAfterMap rss"),
                Unit.BYTES).target(Target.atMost(80 << 20, Unit.BYTES)),
            Row.of("same, defaults raised: spokes given `-Xmn64m`, after start",
                named("memory.raised.idleSpoke rss"), Unit.BYTES),
            Row.of("same, defaults raised: spokes given `-Xmn64m`, after a 1M-task map",
                named("memory.raised.idleSpokeAfterMap rss"), Unit.BYTES),
            Row.of("hub resident memory, peak during a 1M-task map", named("memory.hubDuringMap rss"), Unit.BYTES)
                .versus("Python parent, peak during a 1M-task map", named("python.parentDuringMap rss")),
            sharedSum(100),
            sharedSum(100).next().versus("Python `shared_memory` + numpy, `Pool(2)`",
                named("python.sharedSum100 mean")),
            sharedSum(1000),
            sharedSum(1000).next().versus("Python `shared_memory` + numpy, `Pool(2)`",
                named("python.sharedSum1000 mean")),
            sharedCopy(100),
            sharedCopy(1000));
    }

    private static Row sharedSum(final int megabytes)
    {
        return Row.of("sum of a " + megabytes + " MB `double[]` shared once, 2 spokes reading it in place",
            named(SHARED_SUM + megabytes + ",runner=spm4j-2] mean"), Unit.NANOS)
            .versus("`ForkJoinPool(2)` summing the heap array, one JVM",
                named(SHARED_SUM + megabytes + ",runner=forkjoin-2] mean"))
            .target(Target.ratioAtMost(1.5));
    }

    private static Row sharedCopy(final int megabytes)
    {
        return Row.of("one-time copy of a " + megabytes + " MB `double[]` into shared memory (`share`)",
            named(SHARE + megabytes + ",runner=spm4j-2] mean"), Unit.NANOS)
            .versus("Python copy into a new `shared_memory` block", named("python.sharedCopy" + megabytes + " mean"));
    }
}

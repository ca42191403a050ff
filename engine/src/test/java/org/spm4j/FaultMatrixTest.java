package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spm4j.PoolProbe.BOUND;
import static org.spm4j.PoolProbe.awaitDeath;
import static org.spm4j.PoolProbe.awaitFile;
import static org.spm4j.PoolProbe.awaitNewSpoke;
import static org.spm4j.PoolProbe.awaitRecord;
import static org.spm4j.PoolProbe.awaitTrue;
import static org.spm4j.PoolProbe.cycleFiles;
import static org.spm4j.PoolProbe.mostCyclesOfOneQueue;
import static org.spm4j.PoolProbe.killIdleSpoke;
import static org.spm4j.PoolProbe.poolFileOf;
import static org.spm4j.PoolProbe.recordsWith;
import static org.spm4j.PoolProbe.signal;
import static org.spm4j.PoolProbe.spokePids;
import static org.spm4j.PoolProbe.spokesLost;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spm4j.internal.local.LocalPool;
import org.spm4j.shm.JvmFlags;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.PoolFileDescriptor;
import org.spm4j.shm.SpokeState;
import org.spm4j.shm.journal.ErrorJournal;
import org.spm4j.shm.journal.ErrorJournalReader;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.journal.ErrorRecord;
import org.spm4j.shm.mailbox.ControlCommand;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageSender;

/**
 * The fault matrix: one nested class for each fault the engine must survive, numbered as README.md's "Reliability"
 * table lists them. Every case runs real spoke JVMs (and a serial pool too where the fault concerns both kinds) and
 * asserts the bounded outcome: which exception, within a bound generous enough to catch a hang and never a speed,
 * what the journal holds, and that no process and no file is left ({@link NothingLeft}). Cases too heavy for this
 * class (a hub of 256 MB, 2,000 pools, a hub signalled under {@code spm shell}) live where the table says; their
 * rows here hold lighter cases of the same fault.
 */
class FaultMatrixTest
{
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(1);

    @RegisterExtension
    final NothingLeft left = new NothingLeft();

    /**
     * Row 1: an Error on the hub thread (OutOfMemoryError in the hub); a pool that does not fit its file system,
     * which once surfaced as an InternalError wherever the unbacked page was touched.
     */
    @Nested
    class Row01ErrorOnTheHubThread
    {
        private static final int FILE_SIZE_LIMIT_KIB = 1024;

        @Test
        @Timeout(60)
        void shouldFailEveryTaskAndEveryLaterCallWhenTheHubThreadDiesOfAnError() throws Exception
        {
            try (Pool pool = Pool.builder().spokes(2).codec(HubFailingCodec.class).root(left.pools()).build())
            {
                final Closure<String, String> echo = pool.define("echo", (String text) ->
                    "fatal".equals(text) ? HubFailingCodec.FATAL_RESULT : text);
                final List<Long> spokePids = spokePids((LocalPool)pool);
                final Path directory = ((LocalPool)pool).directory();
                try (TaskFarm farm = pool.taskFarm().start())
                {
                    assertEquals("before", farm.submit(echo, "before").get(30, TimeUnit.SECONDS));
                    final List<String> arguments = new ArrayList<>(List.of("a", "fatal"));
                    for (int i = 0; i < 200; i++)
                    {
                        arguments.add("x" + i);
                    }

                    final PoolFailedException failed = assertTimeout(BOUND, () ->
                        assertThrows(PoolFailedException.class, () -> farm.map(echo, arguments)));

                    assertInstanceOf(OutOfMemoryError.class, failed.getCause());
                    final PoolFailedException later = assertThrows(PoolFailedException.class,
                        () -> farm.submit(echo, "after"));
                    assertInstanceOf(OutOfMemoryError.class, later.getCause());
                    awaitTrue(() -> !Files.exists(directory), "the failed pool's directory " + directory + " remains");
                    for (final long pid : spokePids)
                    {
                        assertTrue(awaitDeath(pid), "spoke pid " + pid + " outlived its failed hub");
                    }
                }
                catch (final PoolFailedException closingFarm)
                {
                    assertInstanceOf(OutOfMemoryError.class, closingFarm.getCause());
                }
            }
        }

        /**
         * A full file system, without root: the hub runs under a file size limit smaller than its pool file, so
         * the preallocation's write fails as it would on a full /dev/shm (the JVM ignores SIGXFSZ).
         */
        @Test
        @Timeout(60)
        void shouldFailTheBuildNamingTheFileItsSizeAndTheFreeBytesWhenThePoolDoesNotFit() throws Exception
        {
            final List<String> command = new ArrayList<>(List.of(
                "bash", "-c", "ulimit -f " + FILE_SIZE_LIMIT_KIB + " && exec \"$@\"", "bash"));
            command.addAll(childJvm(UnfitPoolHub.class, left.pools().toString()));
            final Path output = left.root().resolve("hub-output");

            final Process hub = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();

            assertTrue(hub.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS), "the hub did not end");
            final String printed = Files.readString(output);
            final Matcher failed = Pattern.compile("FAILED java.io.UncheckedIOException: cannot create pool file " +
                "(\\S+) of (\\d+) bytes: .+; its file system has (\\d+) bytes free").matcher(printed);
            assertTrue(failed.find(), printed);
            assertTrue(failed.group(1).startsWith(left.pools().toString()) &&
                failed.group(1).endsWith(PoolFileDescriptor.POOL_FILE_NAME), failed.group(1));
            assertTrue(Long.parseLong(failed.group(2)) > FILE_SIZE_LIMIT_KIB * 1024L, failed.group());
            assertEquals(0, hub.exitValue(), printed);
        }
    }

    /**
     * Row 2: pool.close() from one thread while another is inside map or holds submit futures.
     */
    @Nested
    class Row02CloseUnderARunningManager
    {
        @Test
        @Timeout(60)
        void shouldEndAMapInAnotherThreadAndEveryFutureWhenThePoolIsClosed() throws Exception
        {
            final Pool pool = Pool.builder().spokes(2).root(left.pools()).build();
            final Closure<Integer, Integer> slow = pool.define("slow", (Integer x) ->
            {
                Thread.sleep(100);
                return x;
            });
            final CountDownLatch running = new CountDownLatch(1);
            final TaskFarm farm = pool.taskFarm().onStatus(status -> running.countDown()).start();
            final CompletableFuture<Integer> submitted = farm.submit(slow, -1);
            final CompletableFuture<List<Integer>> mapped = CompletableFuture.supplyAsync(() ->
                farm.map(slow, Scenarios.range(1_000)));
            assertTrue(running.await(30, TimeUnit.SECONDS), "no task ended");

            assertTimeout(BOUND, pool::close);

            final ExecutionException mapFailure = assertThrows(ExecutionException.class,
                () -> mapped.get(30, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, mapFailure.getCause(), mapFailure.toString());
            assertTrue(submitted.isDone());
            assertThrows(IllegalStateException.class, farm::close);
        }
    }

    /**
     * Row 3: pool.close() inside a status callback, on the hub thread.
     */
    @Nested
    class Row03CloseOnTheHubThread
    {
        @Test
        @Timeout(60)
        void shouldRefuseACloseFromACallbackOnTheHubThread()
        {
            final Pool pool = Pool.builder().spokes(1).root(left.pools()).build();
            try
            {
                final Closure<Integer, Integer> identity = pool.define("identity", (Integer x) -> x);
                final AtomicReference<RuntimeException> refusal = new AtomicReference<>();
                try (TaskFarm farm = pool.taskFarm().onStatus(status ->
                {
                    try
                    {
                        pool.close();
                    }
                    catch (final RuntimeException ex)
                    {
                        refusal.compareAndSet(null, ex);
                    }
                }).start())
                {
                    assertEquals(List.of(0, 1, 2), assertTimeout(BOUND, () -> farm.map(identity, Scenarios.range(3))));
                }
                assertInstanceOf(ParallelInvariantException.class, refusal.get());
                try (TaskFarm farm = pool.taskFarm().start())
                {
                    assertEquals(List.of(0, 1), farm.map(identity, Scenarios.range(2)));
                }
            }
            finally
            {
                pool.close();
            }
        }
    }

    /**
     * Row 4: a spoke that dies before READY 3 times in a row is given up on, and the tasks pinned to it fail
     * instead of waiting: here a crew's rank.
     */
    @Nested
    class Row04SpokeThatCannotStart
    {
        @Test
        @Timeout(60)
        void shouldFailACrewWhoseRankSpokeCannotStartAndRunFarmsOnTheOtherSpoke() throws Exception
        {
            final Path options = Files.writeString(left.root().resolve("spoke-options"), "-Dspm4j.test.argfile=1");
            try (Pool pool = Pool.builder().spokes(2).spokeJvmOption("@" + options).root(left.pools()).build())
            {
                final Closure<Integer, Integer> rank = pool.define("rank", (Integer x) -> Crew.rank() + x);
                final Closure<Integer, Integer> identity = pool.define("identity", (Integer x) -> x);
                Files.delete(options);
                killIdleSpoke(pool, 1);
                awaitTrue(() -> 3 == recordsWith(pool.journalDirectory(), ErrorKind.SPOKE_CRASHED,
                    "exited with status 1) while it ran no task").size(), "spoke 1 did not fail to start 3 times");
                Files.writeString(options, "-Dspm4j.test.argfile=1");

                final ParallelException failed = assertTimeout(BOUND, () -> assertThrows(ParallelException.class, () ->
                {
                    try (Crew crew = pool.crew().size(2).errorPolicy(ErrorPolicy.collect()).start())
                    {
                        crew.run(rank, 5);
                    }
                }));

                final TaskFailure failure = failed.failures().get(0);
                assertEquals(FailureKind.CREW_FAILED, failure.kind());
                assertTrue(failure.remoteMessage().contains("NO_SPOKES") &&
                    failure.remoteMessage().contains("spoke 1 died 3 times in a row before it was READY and is not " +
                    "started again") && failure.remoteMessage().contains(options.toString()), failure.remoteMessage());
                assertTrue(awaitRecord(pool, ErrorKind.NO_SPOKES, "no spoke can run task").message()
                    .contains("is not started again"));
                try (TaskFarm farm = pool.taskFarm().start())
                {
                    assertEquals(Scenarios.range(20), farm.map(identity, Scenarios.range(20)));
                }
            }
        }
    }

    /**
     * Row 5: every spoke given up on; spokes killed from outside while they start, which once counted as failed
     * starts until the pool gave them all up.
     */
    @Nested
    class Row05EverySpokeGivenUp
    {
        @Test
        @Timeout(60)
        void shouldFailTasksWithNoSpokesNamingTheLastStartsErrorOnceNoSpokeCanStart() throws Exception
        {
            final Path options = Files.writeString(left.root().resolve("spoke-options"), "-Dspm4j.test.argfile=1");
            try (Pool pool = Pool.builder().spokes(1).spokeJvmOption("@" + options).root(left.pools()).build())
            {
                final Closure<Integer, Integer> identity = pool.define("identity", (Integer x) -> x);
                Files.delete(options);
                killIdleSpoke(pool, 0);
                try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.collect()).start())
                {
                    final ParallelException failed = assertTimeout(BOUND, () ->
                        assertThrows(ParallelException.class, () -> farm.map(identity, Scenarios.range(3))));

                    assertEquals(3, failed.failures().size(), failed.failures().toString());
                    for (final TaskFailure failure : failed.failures())
                    {
                        assertEquals(FailureKind.NO_SPOKES, failure.kind());
                        assertTrue(failure.remoteMessage().contains("is not started again") &&
                            failure.remoteMessage().contains(options.toString()), failure.remoteMessage());
                    }
                }
            }
        }

        @Test
        @Timeout(60)
        void shouldStartAgainASpokeKilledWhileItStarts() throws Exception
        {
            try (Pool pool = Pool.builder().spokes(1).root(left.pools()).build())
            {
                final Closure<Integer, Integer> identity = pool.define("identity", (Integer x) -> x);
                long pid = ((LocalPool)pool).spokePid(0);
                for (int kill = 0; kill < 2 * 3; kill++)
                {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    pid = awaitNewSpoke((LocalPool)pool, pid);
                }
                try (TaskFarm farm = pool.taskFarm().start())
                {
                    assertEquals(Scenarios.range(5), assertTimeout(BOUND, () -> farm.map(identity,
                        Scenarios.range(5))));
                }
            }
        }
    }

    /**
     * Row 6: a spoke frozen by SIGSTOP, busy and idle.
     */
    @Nested
    class Row06FrozenSpoke
    {
        @Test
        @Timeout(60)
        void shouldKillAFrozenBusySpokeAndRetryItsTask() throws Exception
        {
            final String markers = Files.createDirectory(left.root().resolve("markers")).toString();
            final List<FailureKind> kinds = new CopyOnWriteArrayList<>();
            try (Pool pool = Pool.builder().spokes(2).spokeHeartbeatTimeout(HEARTBEAT_TIMEOUT).root(left.pools())
                .build())
            {
                final Closure<Integer, Integer> freezes = pool.define("freezes", (Integer x) ->
                    BlockedTasks.blockFirstTime(markers, x));
                final ErrorPolicy retry = ErrorPolicy.retry(1, ErrorPolicy.failFast());
                try (TaskFarm farm = pool.taskFarm().errorPolicy(failure ->
                {
                    kinds.add(failure.kind());
                    return retry.decide(failure);
                }).start())
                {
                    final CompletableFuture<List<Integer>> results =
                        CompletableFuture.supplyAsync(() -> farm.map(freezes, Scenarios.range(6)));
                    final long frozen = BlockedTasks.awaitBlockedSpoke(markers);
                    signal("STOP", frozen);
                    try
                    {
                        assertEquals(Scenarios.range(6), results.get(BOUND.toSeconds(), TimeUnit.SECONDS));
                    }
                    finally
                    {
                        signal("KILL", frozen);
                    }
                }
                assertEquals(List.of(FailureKind.SPOKE_UNRESPONSIVE), kinds);
                assertTrue(awaitRecord(pool, "missed its heartbeat").message().contains("frozen or stopped"));
            }
        }

        @Test
        @Timeout(60)
        void shouldStopSendingToAFrozenIdleSpokeAndRunEveryTaskOnTheOthers() throws Exception
        {
            try (Pool pool = Pool.builder().spokes(2).spokeHeartbeatTimeout(HEARTBEAT_TIMEOUT).root(left.pools())
                .build())
            {
                final Closure<Integer, Integer> identity = pool.define("identity", (Integer x) -> x);
                final long frozen = ((LocalPool)pool).spokePid(0);
                signal("STOP", frozen);
                try (TaskFarm farm = pool.taskFarm().start())
                {
                    assertEquals(Scenarios.range(200), assertTimeout(BOUND, () ->
                        farm.map(identity, Scenarios.range(200))));
                }
                finally
                {
                    signal("KILL", frozen);
                }
                final ErrorRecord record = awaitRecord(pool, "missed its heartbeat");
                assertEquals(ErrorKind.SPOKE_UNRESPONSIVE, record.kind());
                assertTrue(record.message().contains("frozen or stopped"), record.message());
            }
        }
    }

    /**
     * Row 7: statuses a rogue writer forges into spokes' outboxes while every spoke is blocked in a task: one for a
     * task the hub does not know, one for a running attempt in the outbox of a spoke it was not sent to, and one
     * that names a spoke other than that of its outbox. Once, a forged status for a running attempt ended the task
     * with the forged result; now a message is its outbox's spoke's, whatever it says.
     */
    @Nested
    class Row07UnattributableStatus
    {
        @Test
        @Timeout(60)
        void shouldDropStatusesOfUnknownTasksOrFromAnotherSpokeAndEndEveryTaskWithItsOwnResult() throws Exception
        {
            final String markers = Files.createDirectory(left.root().resolve("markers")).toString();
            final PrintStream stderr = System.err;
            final ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try (Pool pool = Pool.builder().spokes(2).codec(TextCodec.class).root(left.pools()).build())
            {
                final List<Long> pids = spokePids((LocalPool)pool);
                final Closure<String, String> blocked = blocked(pool, markers);
                try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.collect()).start())
                {
                    final CompletableFuture<List<String>> results = submitFourBlocked(farm, blocked, markers);
                    try (PoolFile poolFile = PoolFile.openWithoutLivenessCheck(poolFileOf(pool)))
                    {
                        final long running = poolFile.spokeSlot(0).currentTaskVolatile();
                        ForgedStatus.send(poolFile, 0, running + 1_000_000, 1, 0, "forged for an unknown task");
                        ForgedStatus.send(poolFile, 1, running, 1, 1, "forged from the other spoke");
                        ForgedStatus.awaitRead(poolFile, 0);
                        ForgedStatus.awaitRead(poolFile, 1);
                        final String dropped = "hub dropped a status of task " + running + " attempt 1 from spoke 1, " +
                            "which the attempt was not sent to";
                        awaitTrue(() -> captured.toString(StandardCharsets.UTF_8).contains(dropped), dropped);
                    }
                    assertFalse(results.isDone(), "a forged status ended the run: " + results);
                    BlockedTasks.release(markers);

                    assertEquals(BLOCKED_RESULTS, results.get(BOUND.toSeconds(), TimeUnit.SECONDS));
                }
                assertEquals(pids, spokePids((LocalPool)pool), "no spoke was killed for what another wrote");
            }
            finally
            {
                System.setErr(stderr);
                System.err.print(captured.toString(StandardCharsets.UTF_8));
            }
        }

        @Test
        @Timeout(60)
        void shouldKillTheSpokeWhoseOutboxCarriesAStatusNamingAnotherSpokeAndRetryItsTask() throws Exception
        {
            final String markers = Files.createDirectory(left.root().resolve("markers")).toString();
            final List<FailureKind> kinds = new CopyOnWriteArrayList<>();
            try (Pool pool = Pool.builder().spokes(2).codec(TextCodec.class).root(left.pools()).build())
            {
                final Closure<String, String> blocked = blocked(pool, markers);
                final ErrorPolicy retry = ErrorPolicy.retry(1, ErrorPolicy.failFast());
                try (TaskFarm farm = pool.taskFarm().errorPolicy(failure ->
                {
                    kinds.add(failure.kind());
                    return retry.decide(failure);
                }).start())
                {
                    final CompletableFuture<List<String>> results = submitFourBlocked(farm, blocked, markers);
                    try (PoolFile poolFile = PoolFile.openWithoutLivenessCheck(poolFileOf(pool)))
                    {
                        final long running = poolFile.spokeSlot(0).currentTaskVolatile();
                        ForgedStatus.send(poolFile, 0, running, 1, 7, "forged in the name of spoke 7");
                    }
                    final ErrorRecord record = awaitRecord(pool, "as its sender");
                    assertEquals(ErrorKind.SPOKE_CRASHED, record.kind());
                    assertTrue(record.message().startsWith("spoke 0 (pid "), record.message());
                    assertTrue(record.message().contains("sent the hub a malformed message (a STATUS message that " +
                        "names spoke 7 as its sender) and was killed"), record.message());
                    BlockedTasks.release(markers);

                    assertEquals(BLOCKED_RESULTS, results.get(BOUND.toSeconds(), TimeUnit.SECONDS));
                }
                assertEquals(List.of(FailureKind.SPOKE_CRASHED), kinds);
            }
        }
    }

    /**
     * Row 8: a corrupt outbox (impossible ring positions). Once the hub inbox, which every spoke wrote to: its
     * corruption failed the pool. Only its spoke writes an outbox, so only its spoke is lost.
     */
    @Nested
    class Row08CorruptOutbox
    {
        @Test
        @Timeout(60)
        void shouldKillTheSpokeNamingItsOutboxRetryItsTaskAndGiveItsSuccessorAnEmptyOutbox() throws Exception
        {
            final String markers = Files.createDirectory(left.root().resolve("markers")).toString();
            final List<FailureKind> kinds = new CopyOnWriteArrayList<>();
            try (Pool pool = Pool.builder().spokes(2).codec(TextCodec.class).root(left.pools()).build())
            {
                final Closure<String, String> blocked = blocked(pool, markers);
                final Closure<String, String> echo = pool.define("echo", (String x) -> x);
                final ErrorPolicy retry = ErrorPolicy.retry(1, ErrorPolicy.failFast());
                try (TaskFarm farm = pool.taskFarm().errorPolicy(failure ->
                {
                    kinds.add(failure.kind());
                    return retry.decide(failure);
                }).start())
                {
                    final CompletableFuture<List<String>> results = submitFourBlocked(farm, blocked, markers);
                    try (PoolFile poolFile = PoolFile.openWithoutLivenessCheck(poolFileOf(pool)))
                    {
                        final AtomicBuffer outbox = poolFile.spokeOutboxBuffer(1);
                        final int capacity = outbox.capacity() - RingBufferDescriptor.TRAILER_LENGTH;
                        outbox.putLongVolatile(capacity + RingBufferDescriptor.TAIL_POSITION_OFFSET, 1L << 40);
                    }
                    final ErrorRecord record = assertTimeout(BOUND, () -> awaitRecord(pool, "left its outbox corrupt"));
                    assertEquals(ErrorKind.SPOKE_CRASHED, record.kind());
                    assertTrue(record.message().contains("spoke 1 (pid ") && record.message().contains("(the outbox " +
                        "of spoke 1 is corrupt: its producer position " + (1L << 40)), record.message());
                    BlockedTasks.release(markers);

                    assertEquals(BLOCKED_RESULTS, results.get(BOUND.toSeconds(), TimeUnit.SECONDS));
                    final List<String> more = Stream.iterate(0, i -> i + 1).limit(200).map(String::valueOf).toList();
                    assertEquals(more, farm.map(echo, more));
                }
                assertEquals(List.of(FailureKind.SPOKE_CRASHED), kinds);
                assertEquals(1, recordsWith(pool.journalDirectory(), null, "outbox corrupt").size(),
                    "the successor's outbox was emptied");
                assertEquals(1L, spokesLost(pool));
            }
        }
    }

    /**
     * Row 9: Crew.receive from a rank that never sends; Coordinator.ask whose answer never comes in time.
     */
    @Nested
    class Row09PeerWaits
    {
        @ParameterizedTest
        @EnumSource(PoolKind.class)
        @Timeout(60)
        void shouldFailACrewWhoseRankWaitsForARankThatNeverSends(final PoolKind kind) throws Exception
        {
            try (Pool pool = kind.builder(left.pools()).build())
            {
                final Closure<Integer, Integer> silent = pool.define("silent", (Integer x) ->
                    0 == Crew.rank() ? x : Crew.<Integer>receive(0));

                final TaskFailure failure = failureOf(CompletableFuture.supplyAsync(() ->
                {
                    try (Crew crew = pool.crew().size(2).start())
                    {
                        return crew.run(silent, 0);
                    }
                }));

                assertEquals(FailureKind.CREW_FAILED, failure.kind());
                assertEquals("rank 1 of crew run 1 failed, so the crew stopped: TASK_FAILED " +
                    "java.lang.IllegalStateException: crew deadlock: rank 1 waits for rank 0 and every other " +
                    "unfinished rank waits too", failure.remoteMessage());
                final Closure<Integer, Integer> rank = pool.define("rank", (Integer x) -> Crew.rank() + x);
                try (Crew crew = pool.crew().size(2).start())
                {
                    assertEquals(List.of(5, 6), crew.run(rank, 5));
                }
            }
        }

        @Test
        @Timeout(60)
        void shouldEndAnAskBeforeTheTaskDeadlineAndKeepTheSpoke() throws Exception
        {
            final Path gaveUp = Files.createDirectory(left.root().resolve("markers")).resolve("gave-up");
            final String gaveUpName = gaveUp.toString();
            try (Pool pool = Pool.builder().spokes(1).root(left.pools()).build())
            {
                final long pid = ((LocalPool)pool).spokePid(0);
                final Closure<Integer, Object> asks = pool.define("asks", (Integer x) ->
                {
                    if (0 == x)
                    {
                        throw new IllegalArgumentException("a first failure opens the spoke's journal");
                    }
                    try
                    {
                        return Coordinator.ask(x);
                    }
                    catch (final IllegalStateException ex)
                    {
                        Files.createFile(Path.of(gaveUpName));
                        throw ex;
                    }
                });
                assertThrows(ParallelException.class, () -> runOne(pool, asks, 0));

                final ParallelException ex = assertTimeout(BOUND, () -> assertThrows(ParallelException.class, () ->
                {
                    try (Coordinator coordinator = pool.coordinator()
                        .deadline(Duration.ofSeconds(3))
                        .onRequest(request ->
                        {
                            awaitFile(gaveUp);
                            return "too late";
                        })
                        .start())
                    {
                        coordinator.map(asks, List.of(7));
                    }
                }));

                final TaskFailure failure = ex.failures().get(0);
                assertEquals(FailureKind.TASK_FAILED, failure.kind());
                assertEquals("task " + failure.taskId() + " attempt 1 gave up waiting for the hub's reply to its " +
                    "request 1: the task's deadline of 3000 ms is 750 ms away", failure.remoteMessage());
                assertEquals(pid, ((LocalPool)pool).spokePid(0), "the spoke was not killed");
            }
        }
    }

    /**
     * Row 10: CANCEL to a spoke whose inbox is full; SHUTDOWN likewise. Once, both were dropped.
     */
    @Nested
    class Row10ControlsToAFullInbox
    {
        @Test
        @Timeout(60)
        void shouldDeliverCancelsToASpokeWhoseInboxIsFull() throws Exception
        {
            final String markers = Files.createDirectory(left.root().resolve("markers")).toString();
            final AtomicInteger completed = new AtomicInteger();
            try (Pool pool = Pool.builder().spokes(1).inboxCapacity(4096).root(left.pools()).build())
            {
                final Closure<Integer, Integer> firstWaits = pool.define("first-waits", (Integer x) ->
                    slowAfter(BlockedTasks.blockUntilReleased(markers, x), 20));
                try (TaskFarm farm = pool.taskFarm().window(10_000).onStatus(status ->
                    completed.addAndGet(TaskStatus.State.COMPLETED == status.state() ? 1 : 0)).start())
                {
                    final List<CompletableFuture<Integer>> futures = submitBlocked(farm, firstWaits, markers);

                    farm.cancelAll();
                    final long inFlight = futures.stream().filter(future -> !future.isDone()).count();
                    BlockedTasks.release(markers);

                    for (final CompletableFuture<Integer> future : futures)
                    {
                        future.handle((result, failure) -> result).get(BOUND.toSeconds(), TimeUnit.SECONDS);
                    }
                    assertTrue(inFlight > 20, "the spoke's inbox held only " + inFlight + " tasks");
                    assertTrue(completed.get() < 10,
                        completed.get() + " of the " + inFlight + " tasks the spoke held ran after cancelAll");
                }
            }
        }

        /**
         * The test, as a rogue writer, fills the inbox of a spoke busy with a task with CANCELs of no task. A
         * SHUTDOWN that the full inbox dropped would leave the spoke running until the stop grace killed it.
         */
        @Test
        @Timeout(90)
        void shouldDeliverAShutdownToASpokeWhoseInboxIsFullSoItStopsByItself() throws Exception
        {
            final String markers = Files.createDirectory(left.root().resolve("markers")).toString();
            final Duration grace = Duration.ofSeconds(40);
            final Pool pool = Pool.builder().spokes(1).inboxCapacity(4096).stopGrace(grace).root(left.pools())
                .build();
            final Closure<Integer, Integer> waits = pool.define("waits", (Integer x) ->
                BlockedTasks.blockUntilReleased(markers, x));
            final CompletableFuture<Integer> blocked = pool.taskFarm().start().submit(waits, BlockedTasks.BLOCKED);
            BlockedTasks.awaitBlockedSpoke(markers);
            try (PoolFile poolFile = PoolFile.openWithoutLivenessCheck(poolFileOf(pool)))
            {
                final Inbox inbox = new Inbox("spoke 0 inbox", poolFile.spokeInboxBuffer(0), Long.MAX_VALUE);
                int fillers = 0;
                while (new MessageSender().sendControl(inbox, ControlCommand.CANCEL_TASK, Long.MAX_VALUE - fillers))
                {
                    fillers++;
                }
                final CompletableFuture<Void> closing = CompletableFuture.runAsync(pool::close);
                BlockedTasks.release(markers);

                assertTimeout(grace.dividedBy(2), () -> closing.get(grace.toSeconds(), TimeUnit.SECONDS));
                assertEquals(SpokeState.EXITED, poolFile.spokeSlot(0).stateVolatile(),
                    "the spoke did not stop by itself; its inbox was full with " + fillers + " CANCELs");
            }
            assertTrue(blocked.isDone());
        }

        private static List<CompletableFuture<Integer>> submitBlocked(
            final TaskFarm farm, final Closure<Integer, Integer> closure, final String markers) throws IOException
        {
            final List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int x = 0; x < 2_000; x++)
            {
                futures.add(farm.submit(closure, x));
            }
            BlockedTasks.awaitBlockedSpoke(markers);
            return futures;
        }
    }

    /**
     * Row 11: a task whose exception's getMessage() throws; a journal append that fails on the spoke, which once
     * left the hub waiting for a record that never came.
     */
    @Nested
    class Row11FailuresThatResistRecording
    {
        @ParameterizedTest
        @EnumSource(PoolKind.class)
        @Timeout(60)
        void shouldRecordAnExceptionWhoseGetMessageThrowsAndKeepTheSpoke(final PoolKind kind)
        {
            try (Pool pool = kind.builder(left.pools()).spokes(1).build())
            {
                final Closure<Integer, Long> rude = pool.define("rude", (Integer x) ->
                {
                    if (1 == x)
                    {
                        throw new RudeMessage();
                    }
                    return ProcessHandle.current().pid();
                });
                final long pid = runOne(pool, rude, 0);

                final ParallelException ex = assertTimeout(BOUND, () ->
                    assertThrows(ParallelException.class, () -> runOne(pool, rude, 1)));

                final TaskFailure failure = ex.failures().get(0);
                assertEquals(FailureKind.TASK_FAILED, failure.kind());
                assertEquals(RudeMessage.class.getName(), failure.remoteClass());
                assertEquals("<getMessage() threw java.lang.IllegalStateException: no message for you>",
                    failure.remoteMessage());
                assertTrue(failure.remoteStackTrace().contains("\tat " + FaultMatrixTest.class.getName()),
                    failure.remoteStackTrace());
                assertEquals(pid, runOne(pool, rude, 2), "the same spoke serves the next task");
            }
        }

        /**
         * The journal's directory is replaced by a file, and the spoke started again: it cannot open the journal.
         */
        @Test
        @Timeout(60)
        void shouldFailATaskAtOnceWhenItsSpokeCannotWriteItsRecordAndKeepTheSpoke() throws Exception
        {
            try (Pool pool = Pool.builder().spokes(1).root(left.pools()).build())
            {
                final Closure<Integer, Long> fails = pool.define("fails", (Integer x) ->
                {
                    if (1 == x)
                    {
                        throw new IllegalArgumentException("lost with its record");
                    }
                    return ProcessHandle.current().pid();
                });
                final long killed = ((LocalPool)pool).spokePid(0);
                replaceWithAFile(pool.journalDirectory());
                ProcessHandle.of(killed).ifPresent(ProcessHandle::destroyForcibly);
                final long pid = awaitNewSpoke((LocalPool)pool, killed);

                final ParallelException ex = assertTimeout(BOUND, () ->
                    assertThrows(ParallelException.class, () -> runOne(pool, fails, 1)));

                final TaskFailure failure = ex.failures().get(0);
                assertEquals(FailureKind.TASK_FAILED, failure.kind());
                assertTrue(failure.remoteMessage().contains("spoke 0 reported task " + failure.taskId() + " failed") &&
                    failure.remoteMessage().contains("could not write its record"), failure.remoteMessage());
                assertEquals(pid, runOne(pool, fails, 2), "the same spoke serves the next task");
            }
        }

        private static void replaceWithAFile(final Path directory) throws IOException
        {
            try (Stream<Path> paths = Files.walk(directory))
            {
                for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
                {
                    Files.delete(path);
                }
            }
            Files.writeString(directory, "not a journal");
        }
    }

    /**
     * Row 12: a spoke SIGKILLed while its ShellFarm command runs. The hub SIGKILLed, SIGTERMed or Ctrl-C'd under
     * {@code spm shell} needs a hub of its own: {@code SpmShellSignalTest}.
     */
    @Nested
    class Row12ShellCommandOfAKilledSpoke
    {
        @Test
        @Timeout(60)
        void shouldKillACommandWithEveryProcessItStartedWhenItsSpokeIsKilled()
        {
            final String nanos = String.format("%09d", System.nanoTime() % 1_000_000_000L);
            final String inGroup = "300." + nanos;
            final String ownGroup = "280." + nanos;
            try (Pool pool = Pool.builder().spokes(1).root(left.pools()).build())
            {
                final ShellFarm farm = pool.shellFarm().errorPolicy(ErrorPolicy.collect()).start();
                final CompletableFuture<ShellResult> running = farm.submit(ShellCommand.shell(
                    "sleep " + inGroup + " & timeout 290 sleep " + ownGroup + " & wait"));
                final long spoke = ((LocalPool)pool).spokePid(0);
                try (ProcessesLeft tree = ProcessesLeft.awaitTreeWith(spoke, BOUND, inGroup, ownGroup))
                {
                    ProcessHandle.of(spoke).ifPresent(ProcessHandle::destroyForcibly);

                    tree.awaitAllGone(Duration.ofSeconds(10));
                }

                final CompletionException failed = assertThrows(CompletionException.class, running::join);
                final ParallelException failures = assertInstanceOf(ParallelException.class, failed.getCause());
                assertEquals(FailureKind.SPOKE_CRASHED, failures.failures().get(0).kind());
                assertEquals("after\n", farm.submit(ShellCommand.of("echo", "after")).join().stdout());
                assertThrows(ParallelException.class, farm::close);
            }
        }
        /**
         * The spoke runs three commands at once; its slot names one, which the spoke's death is blamed on, and
         * the other two run again on the spoke that replaces it, finding the files their first attempts left.
         */
        @Test
        @Timeout(60)
        void shouldKillEveryCommandASpokeRunsAtOnceWhenItIsKilled() throws IOException
        {
            final String nanos = String.format("%09d", System.nanoTime() % 1_000_000_000L);
            final List<String> markers = List.of("300." + nanos, "301." + nanos, "302." + nanos);
            final Path ran = Files.createDirectories(left.root().resolve("ran"));
            try (Pool pool = Pool.builder().spokes(1).root(left.pools()).build())
            {
                final ShellFarm farm = pool.shellFarm().errorPolicy(ErrorPolicy.collect()).commandsPerSpoke(3)
                    .start();
                final List<CompletableFuture<ShellResult>> commands = new ArrayList<>();
                for (int i = 0; i < markers.size(); i++)
                {
                    // the marker is spelled differently in the script, so that only the sleep started after the
                    // touch matches it, not the command line of the shell, nor of the launcher waiting to run it
                    commands.add(farm.submit(ShellCommand.shell("if [ -e " + i + " ]; then echo again; " +
                        "else touch " + i + "; sleep 30$((" + i + "))." + nanos + " & wait; fi").directory(ran)));
                }
                final long spoke = ((LocalPool)pool).spokePid(0);
                try (ProcessesLeft tree = ProcessesLeft.awaitTreeWith(spoke, BOUND, markers.toArray(String[]::new)))
                {
                    ProcessHandle.of(spoke).ifPresent(ProcessHandle::destroyForcibly);

                    tree.awaitAllGone(Duration.ofSeconds(10));
                }

                final List<FailureKind> failed = new ArrayList<>();
                final List<String> reran = new ArrayList<>();
                for (final CompletableFuture<ShellResult> command : commands)
                {
                    try
                    {
                        reran.add(command.join().stdout());
                    }
                    catch (final CompletionException ex)
                    {
                        failed.add(assertInstanceOf(ParallelException.class, ex.getCause()).failures().get(0).kind());
                    }
                }
                assertEquals(List.of(FailureKind.SPOKE_CRASHED), failed);
                assertEquals(List.of("again\n", "again\n"), reran);
                assertThrows(ParallelException.class, farm::close);
            }
        }
    }

    /**
     * Row 13: a task that prints one huge line; the 200 MB line in a hub of 256 MB is {@code SpokeOutputPumpTest}'s.
     */
    @Nested
    class Row13HugeOutputLine
    {
        private static final int LINE_BYTES = 20 << 20;
        private static final int LINE_LIMIT = 64 * 1024;

        @Test
        @Timeout(60)
        void shouldCutAHugeLineAndPassOnTheOutputAfterIt() throws Exception
        {
            final PrintStream stdout = System.out;
            final ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try (Pool pool = Pool.builder().spokes(1).root(left.pools()).build())
            {
                final Closure<Integer, Integer> flood = pool.define("flood", (Integer bytes) ->
                {
                    final byte[] line = new byte[bytes];
                    Arrays.fill(line, (byte)'x');
                    System.out.write(line, 0, line.length);
                    System.out.println();
                    System.out.println("after the flood");
                    System.out.flush();
                    return bytes;
                });

                assertEquals(LINE_BYTES, assertTimeout(BOUND, () -> runOne(pool, flood, LINE_BYTES)));

                final String after = "[spoke 0] after the flood";
                awaitTrue(() -> captured.toString(StandardCharsets.UTF_8).contains(after), "no '" + after + "'");
            }
            finally
            {
                System.setOut(stdout);
            }
            final List<String> lines = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("[spoke 0] ")).toList();
            assertEquals(List.of("[spoke 0] " + "x".repeat(LINE_LIMIT),
                "[spoke 0] ... (" + (LINE_BYTES - LINE_LIMIT) + " more bytes of this line cut)",
                "[spoke 0] after the flood"), lines);
        }
    }

    /**
     * Row 14: a long run with many failures; the journal's cycles released as they pass are
     * {@code ChronicleHubJournalTest}'s, on a clock of its own.
     */
    @Nested
    class Row14ManyFailures
    {
        @Test
        @Timeout(90)
        void shouldSendEveryFailureThroughThePolicyWithItsRecordAndKeepOnlyTheCurrentCycle() throws Exception
        {
            final int tasks = 500;
            try (Pool pool = Pool.builder().spokes(2).root(left.pools()).build())
            {
                final Closure<Integer, Integer> fails = pool.define("fails", (Integer x) ->
                {
                    throw new IllegalStateException("failure " + x);
                });
                try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.collect()).start())
                {
                    final ParallelException failed = assertTimeout(Duration.ofSeconds(60), () ->
                        assertThrows(ParallelException.class, () -> farm.map(fails, Scenarios.range(tasks))));

                    assertEquals(tasks, failed.failures().size());
                    for (final TaskFailure failure : failed.failures())
                    {
                        assertEquals(FailureKind.TASK_FAILED, failure.kind());
                        assertTrue(failure.journalIndex() >= 0 && failure.remoteMessage().startsWith("failure "),
                            failure.toString());
                    }
                }
                assertTrue(mostCyclesOfOneQueue(pool.journalDirectory()) <= 2, cycleFiles(pool.journalDirectory())
                    .toString());
            }
        }
    }

    /**
     * Row 15: a persistent journal shared by many pools, here two in turn and one beside them, each failing tasks;
     * that a pool adds nothing to the journal's metadata and reads none of its history (2,000 pools, 50,000 records
     * of others) is {@code ChronicleHubJournalTest}'s.
     */
    @Nested
    class Row15SharedPersistentJournal
    {
        @Test
        @Timeout(90)
        void shouldGiveEachPoolOnlyItsOwnFailuresWithTheirOwnRecords()
        {
            final Path journal = left.root().resolve("journal");
            try (Pool beside = poolOn(journal))
            {
                for (int pool = 0; pool < 2; pool++)
                {
                    try (Pool inTurn = poolOn(journal))
                    {
                        assertOwnRecord(inTurn, "fails");
                        assertOwnRecord(beside, "fails-" + pool);
                    }
                }
            }
            assertTrue(Files.isDirectory(journal), "the persistent journal is gone with its pools");
        }

        private Pool poolOn(final Path journal)
        {
            return Pool.builder().spokes(1).persistentJournal(journal).root(left.pools()).build();
        }

        private static void assertOwnRecord(final Pool pool, final String closureName)
        {
            final Closure<Integer, Integer> fails = pool.define(closureName, (Integer x) ->
            {
                throw new IllegalStateException("failure " + x);
            });
            final ParallelException failed = assertTimeout(BOUND, () ->
                assertThrows(ParallelException.class, () -> runOne(pool, fails, 7)));
            assertEquals(1, failed.failures().size(), failed.failures().toString());
            final TaskFailure failure = failed.failures().get(0);
            assertEquals("failure 7", failure.remoteMessage());
            try (ErrorJournal journal = ErrorJournal.open(pool.journalDirectory());
                ErrorJournalReader reader = journal.spokeJournal(failure.spokeId()).reader())
            {
                assertEquals(pool.id(), reader.read(failure.journalIndex()).poolId());
            }
        }
    }

    /**
     * Row 16: submits from 4 threads at once, on Pool.serial() as on a local pool.
     */
    @Nested
    class Row16SubmitsFromManyThreads
    {
        private static final int THREADS = 4;

        @ParameterizedTest
        @EnumSource(PoolKind.class)
        @Timeout(60)
        void shouldTakeSubmitsFromManyThreadsAtOnce(final PoolKind kind) throws Exception
        {
            try (Pool pool = kind.start(left.pools()))
            {
                final Closure<Integer, Long> square = pool.define("square", (Integer x) -> (long)x * x);
                try (TaskFarm farm = pool.taskFarm().start())
                {
                    final CountDownLatch start = new CountDownLatch(1);
                    final List<CompletableFuture<List<CompletableFuture<Long>>>> submitters = new ArrayList<>();
                    for (int thread = 0; thread < THREADS; thread++)
                    {
                        final int first = thread * 250;
                        submitters.add(CompletableFuture.supplyAsync(() ->
                        {
                            awaitQuietly(start);
                            final List<CompletableFuture<Long>> futures = new ArrayList<>();
                            for (int x = first; x < first + 250; x++)
                            {
                                futures.add(farm.submit(square, x));
                            }
                            return futures;
                        }));
                    }
                    start.countDown();
                    for (int thread = 0; thread < THREADS; thread++)
                    {
                        final List<CompletableFuture<Long>> futures =
                            submitters.get(thread).get(BOUND.toSeconds(), TimeUnit.SECONDS);
                        for (int i = 0; i < futures.size(); i++)
                        {
                            final long x = thread * 250L + i;
                            assertEquals(x * x, futures.get(i).get(BOUND.toSeconds(), TimeUnit.SECONDS));
                        }
                    }
                }
            }
        }
    }

    /**
     * Row 17: cancelAll() from another thread during a long map, local and serial.
     */
    @Nested
    class Row17CancelAllDuringAMap
    {
        @ParameterizedTest
        @EnumSource(PoolKind.class)
        @Timeout(60)
        void shouldStopTheRestOfAMapCancelledFromAnotherThread(final PoolKind kind) throws Exception
        {
            final int tasks = 20_000;
            try (Pool pool = kind.start(left.pools()))
            {
                final Closure<Integer, Integer> slow = pool.define("slow", (Integer x) -> slowAfter(x, 1));
                final AtomicInteger completed = new AtomicInteger();
                final CountDownLatch someCompleted = new CountDownLatch(50);
                try (TaskFarm farm = pool.taskFarm().queueLimit(100).onStatus(status ->
                {
                    if (TaskStatus.State.COMPLETED == status.state())
                    {
                        completed.incrementAndGet();
                        someCompleted.countDown();
                    }
                }).start())
                {
                    final CompletableFuture<List<Integer>> mapped =
                        CompletableFuture.supplyAsync(() -> farm.map(slow, Scenarios.range(tasks)));
                    assertTrue(someCompleted.await(BOUND.toSeconds(), TimeUnit.SECONDS), "no task completed");

                    farm.cancelAll();

                    final ExecutionException cancelled = assertThrows(ExecutionException.class,
                        () -> mapped.get(BOUND.toSeconds(), TimeUnit.SECONDS));
                    assertInstanceOf(CancellationException.class, cancelled.getCause(), cancelled.toString());
                }
                assertTrue(completed.get() < tasks / 2,
                    completed.get() + " of " + tasks + " tasks completed despite cancelAll");
            }
        }
    }

    /**
     * Row 18: a task that runs out of memory, on Pool.serial() as on a local pool.
     */
    @Nested
    class Row18TaskOutOfMemory
    {
        @ParameterizedTest
        @EnumSource(PoolKind.class)
        @Timeout(60)
        void shouldSendATaskOutOfMemoryThroughTheErrorPolicy(final PoolKind kind)
        {
            try (Pool pool = kind.start(left.pools()))
            {
                final Closure<Integer, Integer> greedy = pool.define("greedy", (Integer x) ->
                {
                    if (2 == x)
                    {
                        throw new OutOfMemoryError("simulated: task " + x + " wanted too much");
                    }
                    return x;
                });
                try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.collect()).start())
                {
                    final ParallelException failed = assertTimeout(BOUND, () ->
                        assertThrows(ParallelException.class, () -> farm.map(greedy, Scenarios.range(4))));
                    assertEquals(1, failed.failures().size(), failed.failures().toString());
                    final TaskFailure failure = failed.failures().get(0);
                    assertEquals(FailureKind.SPOKE_CRASHED, failure.kind());
                    assertTrue(failure.remoteMessage().contains(PoolKind.SERIAL == kind ? "wanted too much" :
                        "ran out of memory"), failure.remoteMessage());
                }
            }
        }
    }

    /**
     * Row 19: a kill of an idle spoke, which once went unrecorded.
     */
    @Nested
    class Row19IdleSpokeKilled
    {
        @Test
        @Timeout(60)
        void shouldJournalAndCountTheLossOfAnIdleSpoke() throws Exception
        {
            try (Pool pool = Pool.builder().spokes(1).root(left.pools()).build())
            {
                final long idle = ((LocalPool)pool).spokePid(0);

                ProcessHandle.of(idle).ifPresent(ProcessHandle::destroyForcibly);

                final ErrorRecord idleLoss = assertTimeout(BOUND, () -> awaitRecord(pool, "while it ran no task"));
                assertEquals(ErrorKind.SPOKE_CRASHED, idleLoss.kind());
                assertEquals(idle, idleLoss.pid());
                assertTrue(idleLoss.message().contains("was killed by signal 9 (SIGKILL)"), idleLoss.message());
                awaitTrue(() -> 1L == spokesLost(pool), "the loss was not counted");
            }
        }
    }

    /**
     * Row 20: a spoke that dies while running a task: its record says how it ended.
     */
    @Nested
    class Row20SpokeDiesMidTask
    {
        @Test
        @Timeout(90)
        void shouldRecordHowEachSpokeEndedItsExitStatusItsSignalOrItsMemory() throws Exception
        {
            final String markers = Files.createDirectory(left.root().resolve("markers")).toString();
            try (Pool pool = Pool.builder().spokes(1).spokeJvmOption("-Xmx64m").root(left.pools()).build())
            {
                final Closure<Integer, Integer> dies = pool.define("dies", (Integer x) ->
                {
                    if (7 == x)
                    {
                        System.exit(x);
                    }
                    if (64 == x)
                    {
                        return new long[x << 20].length;
                    }
                    return BlockedTasks.blockFirstTime(markers, x);
                });

                assertEnded(pool, dies, 7, "exited with status 7");
                final CompletableFuture<TaskFailure> killed = CompletableFuture.supplyAsync(() ->
                    failureOfOne(pool, dies, BlockedTasks.BLOCKED));
                ProcessHandle.of(BlockedTasks.awaitBlockedSpoke(markers)).ifPresent(ProcessHandle::destroyForcibly);
                assertEndedAs(pool, killed.get(BOUND.toSeconds(), TimeUnit.SECONDS),
                    "was killed by signal 9 (SIGKILL)");
                assertEnded(pool, dies, 64, "ran out of memory");
            }
        }

        private static void assertEnded(final Pool pool, final Closure<Integer, Integer> dies, final int argument,
            final String how)
        {
            assertEndedAs(pool, assertTimeout(BOUND, () -> failureOfOne(pool, dies, argument)), how);
        }

        private static void assertEndedAs(final Pool pool, final TaskFailure failure, final String how)
        {
            assertEquals(FailureKind.SPOKE_CRASHED, failure.kind());
            assertTrue(failure.remoteMessage().contains(how), failure.remoteMessage());
            try (ErrorJournal journal = ErrorJournal.open(pool.journalDirectory());
                ErrorJournalReader reader = journal.spokeJournal(failure.spokeId()).reader())
            {
                final ErrorRecord record = reader.read(failure.journalIndex());
                assertEquals(ErrorKind.SPOKE_CRASHED, record.kind());
                assertEquals(failure.taskId(), record.taskId());
                assertTrue(record.message().contains(how), record.message());
            }
        }

        private static TaskFailure failureOfOne(final Pool pool, final Closure<Integer, Integer> dies,
            final int argument)
        {
            try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.collect()).start())
            {
                final ParallelException failed = assertThrows(ParallelException.class,
                    () -> farm.map(dies, List.of(argument)));
                assertEquals(1, failed.failures().size(), failed.failures().toString());
                return failed.failures().get(0);
            }
        }
    }

    /** What {@link #submitFourBlocked} returns once released. */
    private static final List<String> BLOCKED_RESULTS = List.of("result 0", "result 1", "result 2", "result 3");

    /**
     * @return a closure for a pool with the {@link TextCodec} whose every task waits until released.
     */
    private static Closure<String, String> blocked(final Pool pool, final String markers)
    {
        return pool.define("blocked", (String x) ->
            "result " + BlockedTasks.blockEachUntilReleased(markers, Integer.parseInt(x)));
    }

    /**
     * Submit four {@link #blocked} tasks, each a task of its own, never an element of a chunk, on a pool of two
     * spokes, and return once both spokes are blocked in one: neither writes to its outbox until
     * {@link BlockedTasks#release}.
     */
    private static CompletableFuture<List<String>> submitFourBlocked(final TaskFarm farm,
        final Closure<String, String> blocked, final String markers)
    {
        final List<CompletableFuture<String>> each = Stream.of("0", "1", "2", "3")
            .map(argument -> farm.submit(blocked, argument)).toList();
        final CompletableFuture<List<String>> results = CompletableFuture
            .allOf(each.toArray(new CompletableFuture<?>[0]))
            .thenApply(ignored -> each.stream().map(CompletableFuture::join).toList());
        BlockedTasks.awaitBusySpokes(markers, 2);
        return results;
    }

    /**
     * An exception whose message cannot be read; serializable, so the hub rebuilds it too.
     */
    static final class RudeMessage extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage()
        {
            throw new IllegalStateException("no message for you");
        }
    }

    private static <R> R runOne(final Pool pool, final Closure<Integer, R> closure, final int argument)
    {
        try (TaskFarm farm = pool.taskFarm().start())
        {
            return farm.map(closure, List.of(argument)).get(0);
        }
    }

    private static int slowAfter(final int x, final long sleepMs) throws InterruptedException
    {
        if (BlockedTasks.BLOCKED != x)
        {
            Thread.sleep(sleepMs);
        }
        return x;
    }

    private static TaskFailure failureOf(final CompletableFuture<?> run) throws Exception
    {
        final Throwable failure = assertThrows(ExecutionException.class,
            () -> run.get(BOUND.toSeconds(), TimeUnit.SECONDS)).getCause();
        final List<TaskFailure> failures = assertInstanceOf(ParallelException.class, failure).failures();
        assertEquals(1, failures.size(), failures.toString());
        return failures.get(0);
    }

    private static List<String> childJvm(final Class<?> main, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.required());
        command.addAll(List.of("-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
            main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}

package org.spm4j.internal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.shm.HubIdentity;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.PoolLayout;
import org.spm4j.shm.ProtocolException;
import org.spm4j.shm.SpokeSlot;
import org.spm4j.shm.SpokeState;
import org.spm4j.shm.mailbox.Inbox;

/**
 * The hub's transport, stepped on a clock of the test's own with spokes that die as the test says: a spoke that
 * dies before READY by itself starts again only after a backoff that doubles, without the hub ever waiting for it;
 * one killed from outside while it starts starts again at once. Deaths are noticed at the next housekeeping. A
 * spoke starts with an outbox as new, even after its predecessor's was corrupt.
 */
class SpokeRestartBackoffTest
{
    private static final long HEARTBEAT_TIMEOUT_MS = 5_000;
    private static final long HOUSEKEEPING_MS = 10;

    @TempDir
    private Path directory;

    private final List<FakeSpoke> launched = new ArrayList<>();
    private PoolFile poolFile;
    private LocalTransport transport;
    private long nowMs = 1_000_000;

    @BeforeEach
    void createPool()
    {
        poolFile = PoolFile.create(directory.resolve("pool.shm"), PoolLayout.of(1, 4096, 4096, 16),
            HubIdentity.current(), nowMs);
        transport = new LocalTransport(poolFile, new FakeStarter(), HEARTBEAT_TIMEOUT_MS);
        transport.launchAll();
    }

    @AfterEach
    void closePool()
    {
        poolFile.close();
    }

    @Test
    void shouldWaitLongerBeforeEachStartAfterADeathBeforeReady()
    {
        latest().exitsByItself();

        assertEquals(HOUSEKEEPING_MS + FailedStarts.FIRST_BACKOFF_MS, stepUntilRelaunched());
        latest().exitsByItself();

        assertEquals(HOUSEKEEPING_MS + 2 * FailedStarts.FIRST_BACKOFF_MS, stepUntilRelaunched());
        latest().exitsByItself();

        step(FailedStarts.MAX_BACKOFF_MS * 2);
        assertEquals(3, launched.size(), "a spoke that died before READY 3 times in a row is not started again");
        assertTrue(transport.unavailable(0).contains("died 3 times in a row before it was READY"),
            transport.unavailable(0));
    }

    @Test
    void shouldStartAgainAtOnceASpokeKilledFromOutsideWhileItStarts()
    {
        latest().exitsByItself();
        stepUntilRelaunched();

        latest().isKilledFromOutside();

        assertEquals(HOUSEKEEPING_MS, stepUntilRelaunched(), "a kill is not a failed start and waits for nothing");
        assertNull(transport.unavailable(0));
    }

    @Test
    void shouldForgetTheBackoffOnceTheSpokeIsReady()
    {
        latest().exitsByItself();
        stepUntilRelaunched();
        latest().exitsByItself();
        stepUntilRelaunched();
        latest().becomesReady();
        step(HOUSEKEEPING_MS);
        latest().exitsByItself();
        assertEquals(HOUSEKEEPING_MS, stepUntilRelaunched(), "a death after READY is no failed start");

        latest().exitsByItself();

        assertEquals(HOUSEKEEPING_MS + FailedStarts.FIRST_BACKOFF_MS, stepUntilRelaunched());
    }

    @Test
    void shouldNotStartASpokeWaitingOutItsBackoffWhenItIsKilledAgain()
    {
        latest().exitsByItself();
        step(HOUSEKEEPING_MS);

        transport.kill(0);

        assertEquals(1, launched.size(), "the kill of a dead spoke started another before its backoff ended");
        assertEquals(FailedStarts.FIRST_BACKOFF_MS, stepUntilRelaunched());
    }

    @Test
    void shouldKillASpokeWhoseOutboxIsCorruptAndEmptyTheOutboxForItsSuccessor()
    {
        latest().becomesReady();
        corruptOutbox();

        transport.outboxCorrupt(0, "the outbox of spoke 0 is corrupt");

        assertTrue(latest().wasKilled(), "the spoke was killed");
        assertThrows(ProtocolException.class, Inbox.outboxOf(poolFile, 0)::verifyPositions, "not before it is gone");
        stepUntilRelaunched();
        Inbox.outboxOf(poolFile, 0).verifyPositions();
        assertEquals(0, Inbox.outboxOf(poolFile, 0).size());
    }

    /**
     * Killing a dead spoke would leave the reason for its successor; no one writes the outbox meanwhile.
     */
    @Test
    void shouldEmptyAtOnceTheCorruptOutboxOfASpokeWaitingOutItsBackoff()
    {
        latest().exitsByItself();
        step(HOUSEKEEPING_MS);
        corruptOutbox();

        transport.outboxCorrupt(0, "the outbox of spoke 0 is corrupt");

        Inbox.outboxOf(poolFile, 0).verifyPositions();
        assertEquals(1, launched.size());
        stepUntilRelaunched();
        latest().becomesReady();
        transport.outboxCorrupt(0, "the outbox of spoke 0 is corrupt");
        assertTrue(latest().wasKilled(), "the successor carries no stale reason that spares it");
    }

    private void corruptOutbox()
    {
        final AtomicBuffer outbox = poolFile.spokeOutboxBuffer(0);
        outbox.putLongVolatile(outbox.capacity() - RingBufferDescriptor.TRAILER_LENGTH +
            RingBufferDescriptor.TAIL_POSITION_OFFSET, 1L << 40);
    }

    /**
     * @return how long after the death the replacement was launched, on the test's clock.
     */
    private long stepUntilRelaunched()
    {
        final int before = launched.size();
        final long diedAtMs = nowMs;
        while (launched.size() == before)
        {
            step(HOUSEKEEPING_MS);
            assertTrue(nowMs - diedAtMs <= Duration.ofSeconds(10).toMillis(), "no spoke was launched again");
        }
        return nowMs - diedAtMs;
    }

    private void step(final long ms)
    {
        for (long stepped = 0; stepped < ms; stepped += HOUSEKEEPING_MS)
        {
            nowMs += HOUSEKEEPING_MS;
            transport.detectLostSpokes(nowMs, (spokeId, pid, runningTaskId, kind, how) -> { });
        }
    }

    private FakeSpoke latest()
    {
        return launched.get(launched.size() - 1);
    }

    private final class FakeStarter implements SpokeStarter
    {
        @Override
        public SpokeProcess start(final SpokeSlot slot)
        {
            slot.stateRelease(SpokeState.STARTING);
            final FakeSpoke spoke = new FakeSpoke(slot, 100 + launched.size());
            launched.add(spoke);
            return spoke;
        }

        @Override
        public boolean isExternal()
        {
            return false;
        }
    }

    private final class FakeSpoke implements SpokeProcess
    {
        private final SpokeSlot slot;
        private final long pid;
        private boolean alive = true;
        private boolean killed;

        FakeSpoke(final SpokeSlot slot, final long pid)
        {
            this.slot = slot;
            this.pid = pid;
        }

        void exitsByItself()
        {
            alive = false;
        }

        void isKilledFromOutside()
        {
            alive = false;
            killed = true;
        }

        void becomesReady()
        {
            slot.pidRelease(pid);
            slot.heartbeatRelease(nowMs);
            slot.stateRelease(SpokeState.READY);
        }

        @Override
        public long pid()
        {
            return pid;
        }

        @Override
        public boolean isAlive()
        {
            return alive;
        }

        @Override
        public void kill()
        {
            killed |= alive;
            alive = false;
        }

        @Override
        public boolean awaitExit(final Duration timeout)
        {
            return !alive;
        }

        @Override
        public String exitDescription()
        {
            return killed ? "was killed by signal 9 (SIGKILL)" : "exited with status 1";
        }

        @Override
        public boolean wasKilled()
        {
            return killed;
        }
    }
}

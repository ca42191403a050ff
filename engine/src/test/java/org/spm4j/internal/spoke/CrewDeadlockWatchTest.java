package org.spm4j.internal.spoke;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.shm.HubIdentity;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.PoolLayout;
import org.spm4j.shm.SpokeSlot;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageSender;

/**
 * The rule by which a waiting crew rank declares a deadlock, stepped with an explicit clock over a real pool
 * file: ranks 0, 1 and 2 of a crew run tasks 10, 11 and 12; rank 1 watches.
 */
class CrewDeadlockWatchTest
{
    private static final long GRACE_NS = CrewDeadlockWatch.GRACE_NS;
    private static final long FIRST_TASK = 10;
    private static final int SIZE = 3;

    @TempDir
    private Path directory;
    private PoolFile poolFile;
    private final SpokeSlot[] slots = new SpokeSlot[SIZE];
    private final Inbox[] inboxes = new Inbox[SIZE];
    private final CrewMarks[] marks = new CrewMarks[SIZE];
    private CrewDeadlockWatch watch;

    @BeforeEach
    void createPool()
    {
        poolFile = PoolFile.create(directory.resolve("pool.shm"), PoolLayout.of(SIZE, 64 * 1024, 64 * 1024, 16),
            HubIdentity.current(), System.currentTimeMillis());
        for (int spokeId = 0; spokeId < SIZE; spokeId++)
        {
            slots[spokeId] = poolFile.spokeSlot(spokeId);
            inboxes[spokeId] = Inbox.ofSpoke(poolFile, spokeId);
            marks[spokeId] = new CrewMarks(slots[spokeId]);
        }
        watch = new CrewDeadlockWatch(slots, inboxes);
        marks[1].started(FIRST_TASK + 1, 1);
        marks[1].waiting();
    }

    @AfterEach
    void closePool()
    {
        poolFile.close();
    }

    @Test
    void shouldDeclareADeadlockWhenEveryOtherRankHasFinishedOrWaitedForTheWholeGrace()
    {
        finished(0);
        waiting(2);

        assertFalse(looksAt(0));
        assertFalse(looksAt(GRACE_NS - 1));
        assertTrue(looksAt(GRACE_NS));
    }

    @Test
    void shouldStartTheGraceAgainWhenARankHasMoved()
    {
        finished(0);
        waiting(2);
        assertFalse(looksAt(0));

        marks[2].running();
        marks[2].waiting();
        assertFalse(looksAt(GRACE_NS / 2), "the rank took a message and waits again");
        assertFalse(looksAt(GRACE_NS));
        assertTrue(looksAt(GRACE_NS / 2 + GRACE_NS));
    }

    @Test
    void shouldNeverDeclareWhileARankRuns()
    {
        finished(0);
        marks[2].started(FIRST_TASK + 2, 1);

        assertFalse(looksAt(0));
        assertFalse(looksAt(10 * GRACE_NS));
    }

    @Test
    void shouldNeverDeclareWhileAMessageLiesUnreadInACrewInbox()
    {
        finished(0);
        waiting(2);
        new MessageSender().sendPeer(inboxes[2], 1, 0, 2, 0, new UnsafeBuffer(new byte[8]), 0, 8);

        assertFalse(looksAt(0));
        assertFalse(looksAt(10 * GRACE_NS));
    }

    @Test
    void shouldNotTakeARankThatFinishedAnEarlierRunForOneThatFinishedThisOne()
    {
        marks[0].started(FIRST_TASK - 3, 1);
        marks[0].finished();
        waiting(2);

        assertFalse(looksAt(0));
        assertFalse(looksAt(10 * GRACE_NS));
    }

    @Test
    void shouldNotTakeAnEarlierAttemptOfTheSameTaskForThisOne()
    {
        finished(0);
        marks[2].started(FIRST_TASK + 2, 2);
        marks[2].waiting();

        assertFalse(looksAt(0));
        assertFalse(looksAt(10 * GRACE_NS));
    }

    @Test
    void shouldNotTakeARankThatHasNotStartedForOneThatFinished()
    {
        waiting(2);

        assertFalse(looksAt(0));
        assertFalse(looksAt(10 * GRACE_NS));
    }

    private void finished(final int rank)
    {
        marks[rank].started(FIRST_TASK + rank, 1);
        marks[rank].finished();
    }

    private void waiting(final int rank)
    {
        marks[rank].started(FIRST_TASK + rank, 1);
        marks[rank].waiting();
    }

    private boolean looksAt(final long nowNs)
    {
        return watch.isDeadlocked(1, SIZE, FIRST_TASK + 1, 1, nowNs);
    }
}

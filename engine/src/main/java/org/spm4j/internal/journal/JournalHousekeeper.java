package org.spm4j.internal.journal;

import java.nio.file.Path;
import java.util.List;

import org.agrona.collections.Int2IntHashMap;
import org.spm4j.shm.journal.ErrorJournal;
import org.spm4j.shm.journal.ErrorJournalReader;

/**
 * Keeps a hub's journal bounded by its {@link JournalRetention}: counts the records the hub consumed per
 * roll cycle and, at most once per quiet period of the journal's clock, releases the cycles that have
 * passed. A cycle is looked at only once it ended a quiet period ago, so an append that began in it just
 * before it ended has landed. Hub thread only.
 */
final class JournalHousekeeper
{
    private static final long MOST_QUIET_MS = 5_000;

    private final ErrorJournal journal;
    private final JournalRetention retention;
    private final long quietMs;
    private final Int2IntHashMap consumedPerCycle = new Int2IntHashMap(0);
    private long nextRunMs = Long.MIN_VALUE;
    private boolean reportedFailure;

    JournalHousekeeper(final ErrorJournal journal, final JournalRetention retention)
    {
        this.journal = journal;
        this.retention = retention;
        this.quietMs = quietPeriodMs(journal);
    }

    /**
     * @param journal a journal.
     * @return how long its housekeeper lets pass between two runs, by the journal's clock.
     */
    static long quietPeriodMs(final ErrorJournal journal)
    {
        return Math.max(1, Math.min(MOST_QUIET_MS, journal.cycleLengthMs() / 4));
    }

    /**
     * The hub has turned the record at {@code index} into a failure, so no status will ask for it again.
     */
    void consumed(final long index)
    {
        if (retention.poolOwned())
        {
            final int cycle = journal.cycleOf(index);
            consumedPerCycle.put(cycle, consumedPerCycle.get(cycle) + 1);
        }
    }

    /**
     * Release what has passed, unless that was done less than a quiet period ago.
     *
     * @param reader counts the records of a cycle; used on this thread only.
     * @return the released files.
     */
    List<Path> run(final ErrorJournalReader reader)
    {
        final long nowMs = journal.currentTimeMs();
        if (nowMs < nextRunMs)
        {
            return List.of();
        }
        nextRunMs = nowMs + quietMs;
        try
        {
            return retention.poolOwned() ?
                journal.releaseCycles(cycle -> hasPassed(cycle, nowMs, reader)) :
                journal.releaseCyclesEndedBy(nowMs - retention.kept().toMillis());
        }
        catch (final RuntimeException ex)
        {
            reportOnce(ex);
            return List.of();
        }
    }

    /**
     * Records no status will ever name (their spoke died before it could send one, or the task had already
     * ended) would keep their cycle for good: a full cycle after it ended, no status is waited for any more.
     */
    private boolean hasPassed(final int cycle, final long nowMs, final ErrorJournalReader reader)
    {
        final long endMs = journal.cycleEndMs(cycle);
        if (nowMs < endMs + quietMs)
        {
            return false;
        }
        final boolean passed = nowMs >= endMs + journal.cycleLengthMs() ||
            consumedPerCycle.get(cycle) >= reader.recordsInCycle(cycle);
        if (passed)
        {
            consumedPerCycle.remove(cycle);
        }
        return passed;
    }

    /**
     * Trimming is not worth a task: the failure being handled goes on to its policy and the pool carries on
     * with a journal that grows; say so once rather than with every failure.
     */
    private void reportOnce(final RuntimeException ex)
    {
        if (!reportedFailure)
        {
            reportedFailure = true;
            System.err.println("spm4j: cannot release passed cycles of the error journal " + journal.directory() +
                "; it is no longer trimmed: " + ex);
        }
    }
}

package org.spm4j.internal.farm;

import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.spm4j.TaskFailure;
import org.spm4j.shm.journal.ErrorKind;

/**
 * The ranks of a crew run as one unit: results are handed out only when every rank has one, and the first
 * failure of any rank stops them all and is the crew's one failure. Hub thread only.
 */
final class CrewRun
{
    private final String name;
    private final Transport transport;
    private final TaskOutcomes outcomes;
    private final Deque<FarmTask> pending;
    private final InFlightTasks inFlight;
    private final List<FarmTask> ranks = new ArrayList<>();
    private final Map<FarmTask, Object> results = new HashMap<>();

    /**
     * @param name the run, e.g. "crew run 3", for the crew's failure.
     */
    CrewRun(
        final String name,
        final Transport transport,
        final TaskOutcomes outcomes,
        final Deque<FarmTask> pending,
        final InFlightTasks inFlight)
    {
        this.name = name;
        this.transport = transport;
        this.outcomes = outcomes;
        this.pending = pending;
        this.inFlight = inFlight;
    }

    void add(final FarmTask rank)
    {
        ranks.add(rank);
    }

    void completed(final FarmTask rank, final Object value)
    {
        results.put(rank, value);
        if (results.size() == ranks.size())
        {
            for (final FarmTask each : ranks)
            {
                outcomes.completed(each, results.get(each));
            }
            ranks.clear();
            results.clear();
        }
    }

    /**
     * Ranks that completed wait for the others; when the pool can run no more tasks, they complete with
     * {@code cause} too.
     */
    void abandon(final RuntimeException cause)
    {
        ranks.forEach(rank -> rank.future.completeExceptionally(cause));
        ranks.clear();
        results.clear();
    }

    /**
     * Every rank is stopped (their spokes are relaunched), one CREW_FAILED record names the failed rank, and the
     * policy decides for the whole crew: a retry reruns every rank, those that had finished too.
     */
    void failed(final FarmTask failedRank, final TaskFailure failure)
    {
        inFlight.takeAll();
        pending.clear();
        final List<FarmTask> stopped = new ArrayList<>(ranks);
        ranks.clear();
        results.clear();
        transport.restartAll();

        final TaskFailure crewFailure = outcomes.record(ErrorKind.CREW_FAILED, failedRank, failedRank.spokeId,
            failure.pid(), new CrewFailedException("rank " + failedRank.pinnedSpokeId + " of " + name +
            " failed, so the crew stopped: " + failure.kind() + " " + failure.remoteClass() +
            (null == failure.remoteMessage() ? "" : ": " + failure.remoteMessage()), failure.exception()));
        switch (outcomes.decision(failedRank, crewFailure))
        {
            case RETRY -> stopped.forEach(rank ->
            {
                ranks.add(rank);
                outcomes.retry(rank);
            });
            case IGNORE -> stopped.forEach(outcomes::ignore);
            default -> outcomes.failCrew(stopped, crewFailure);
        }
    }
}

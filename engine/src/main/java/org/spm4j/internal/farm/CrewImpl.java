package org.spm4j.internal.farm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.spm4j.Closure;
import org.spm4j.Crew;
import org.spm4j.internal.task.CrewArguments;

/**
 * The user's side of an online crew: one task per rank, pinned to the spoke of that rank, all with the
 * same argument, run through the farm machinery whose core handles the crew as one unit. An argument too large
 * for a message goes to one segment that every rank reads, deleted once every rank has ended.
 */
public final class CrewImpl implements Crew
{
    private final TaskFarmImpl farm;
    private final int size;

    /**
     * @param farm the farm that runs the ranks.
     * @param size the number of ranks.
     */
    public CrewImpl(final TaskFarmImpl farm, final int size)
    {
        this.farm = farm;
        this.size = size;
    }

    @Override
    public <A, R> List<R> run(final Closure<A, R> closure, final A argument)
    {
        final byte[] encoded = farm.encoder().encode(closure, argument, CrewArguments.PREFIX_LENGTH);
        final List<FarmTask> ranks = new ArrayList<>(size);
        try
        {
            for (int rank = 0; rank < size; rank++)
            {
                final FarmTask task = farm.newTask(closure, CrewArguments.forRank(rank, size, encoded));
                task.pinnedSpokeId = rank;
                ranks.add(task);
            }
        }
        catch (final RuntimeException | Error ex)
        {
            SpilledArguments.deleteNow(farm.encoder().segments(), encoded);
            throw ex;
        }
        SpilledArguments.deleteWhenEnded(farm.encoder().segments(), encoded,
            CompletableFuture.allOf(ranks.stream().map(rank -> rank.future).toArray(CompletableFuture[]::new)));
        return farm.runAll(ranks, "crew run of " + closure);
    }

    @Override
    public void close()
    {
        farm.close();
    }
}

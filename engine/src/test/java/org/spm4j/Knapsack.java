package org.spm4j;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * 0/1 knapsack by branch and bound, split into subproblems that share the best value found so far
 * through a coordinator's hub.
 */
final class Knapsack
{
    static final int[] WEIGHTS = { 23, 31, 29, 44, 53, 38, 63, 85, 89, 82, 12, 17, 41, 37, 26, 19, 53, 47 };
    static final int[] VALUES = { 92, 57, 49, 68, 60, 43, 67, 84, 87, 72, 25, 31, 66, 53, 41, 28, 71, 62 };
    static final int CAPACITY = 250;
    /** Items decided by the split; each subproblem fixes them and searches the rest. */
    static final int SPLIT_DEPTH = 3;

    private Knapsack()
    {
    }

    /**
     * A subproblem: the first {@link #SPLIT_DEPTH} items taken or not, as the bits of {@code choice}.
     */
    record Subproblem(int choice) implements Serializable
    {
    }

    static List<Subproblem> subproblems()
    {
        final List<Subproblem> subproblems = new ArrayList<>();
        for (int choice = 0; choice < 1 << SPLIT_DEPTH; choice++)
        {
            subproblems.add(new Subproblem(choice));
        }
        return subproblems;
    }

    /**
     * The task: asks the hub for the best value so far, searches, tells the hub each improvement.
     */
    static int solve(final Subproblem subproblem)
    {
        int weight = 0;
        int value = 0;
        for (int item = 0; item < SPLIT_DEPTH; item++)
        {
            if (0 != (subproblem.choice() & (1 << item)))
            {
                weight += WEIGHTS[item];
                value += VALUES[item];
            }
        }
        if (weight > CAPACITY)
        {
            return 0;
        }
        final int[] best = { Coordinator.<Integer>ask("best") };
        search(SPLIT_DEPTH, weight, value, best);
        return best[0];
    }

    private static void search(final int item, final int weight, final int value, final int[] best)
    {
        if (value > best[0])
        {
            best[0] = value;
            Coordinator.tell(value);
        }
        if (item == WEIGHTS.length || value + optimisticRest(item, CAPACITY - weight) <= best[0])
        {
            return;
        }
        if (weight + WEIGHTS[item] <= CAPACITY)
        {
            search(item + 1, weight + WEIGHTS[item], value + VALUES[item], best);
        }
        search(item + 1, weight, value, best);
    }

    /**
     * Sum of all remaining values that fit one by one: crude but never below the true rest.
     */
    private static int optimisticRest(final int from, final int room)
    {
        int rest = 0;
        for (int item = from; item < WEIGHTS.length; item++)
        {
            if (WEIGHTS[item] <= room)
            {
                rest += VALUES[item];
            }
        }
        return rest;
    }

    /**
     * The optimum by dynamic programming, to check against.
     */
    static int optimum()
    {
        final int[] best = new int[CAPACITY + 1];
        for (int item = 0; item < WEIGHTS.length; item++)
        {
            for (int room = CAPACITY; room >= WEIGHTS[item]; room--)
            {
                best[room] = Math.max(best[room], best[room - WEIGHTS[item]] + VALUES[item]);
            }
        }
        return best[CAPACITY];
    }
}

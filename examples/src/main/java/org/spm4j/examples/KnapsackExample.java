package org.spm4j.examples;

import java.io.PrintWriter;
import java.io.Serializable;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import org.spm4j.Closure;
import org.spm4j.Coordinator;
import org.spm4j.Pool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * 0/1 knapsack by branch and bound with a coordinator: the choices of the first items split the search
 * into tasks; each task asks the hub for the best value found so far, prunes with it, asks again now and
 * then, and tells the hub each better value it finds, so every task prunes with what all the others found.
 */
@Command(
    name = "knapsack",
    header = "Knapsack: branch and bound, a coordinator shares the bound.",
    description = "Solves a 0/1 knapsack problem by branch and bound with a coordinator: the choices of the first " +
        "items split the search into tasks, which share the best value found so far through the hub. Runs serially, " +
        "then on spokes, and checks both against dynamic programming.")
public final class KnapsackExample implements Callable<Integer>
{
    /** Nodes a task searches between two asks for the best value found elsewhere. */
    private static final int NODES_BETWEEN_ASKS = 1_000_000;

    @Mixin
    private PoolOptions pools;

    @Option(names = "--items", paramLabel = "COUNT", description = "Items to choose from (default: ${DEFAULT-VALUE}).")
    private int items = 80;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the instance (default: ${DEFAULT-VALUE}).")
    private long seed = 9;

    @Option(names = "--split", paramLabel = "ITEMS",
        description = "Items whose choices split the search: 2^ITEMS tasks (default: ${DEFAULT-VALUE}).")
    private int split = 5;

    @Spec
    private CommandSpec spec;

    /**
     * @param args the options; {@code --help} lists them.
     */
    public static void main(final String[] args)
    {
        System.exit(Examples.execute(new KnapsackExample(), args));
    }

    /**
     * Solves the instance serially, then on spokes.
     *
     * @return 0 when both find the optimum that dynamic programming finds.
     */
    @Override
    public Integer call()
    {
        if (items < 1 || items > 200 || split < 0 || split > Math.min(items, 16))
        {
            throw new IllegalArgumentException("--items must be 1 to 200, --split 0 to 16 and at most --items");
        }
        final Instance instance = Instance.generate(items, seed);
        final PrintWriter out = spec.commandLine().getOut();
        out.printf("knapsack: %d items, capacity %d, split into %d tasks by the first %d items%n",
            items, instance.capacity(), 1 << split, split);
        final SerialVsLocal<Result> results =
            SerialVsLocal.run(pools, builder -> builder, pool -> solve(pool, instance, split), out);
        final int optimum = instance.optimumByDynamicProgramming();
        for (final Result result : List.of(results.serial(), results.local()))
        {
            out.printf("%-6s best value %d with %d items; %,d nodes searched, %d improvements told, %d asks%n",
                result == results.serial() ? "serial" : "local", result.value(), result.items().cardinality(),
                result.nodes(), result.tells(), result.asks());
        }
        final boolean optimal = optimum == results.serial().value() && optimum == results.local().value();
        out.printf("dynamic programming finds %d: both runs are %s%n", optimum, optimal ? "optimal" : "NOT optimal");
        return optimal ? Examples.OK : Examples.FAILED;
    }

    /**
     * The parallel part: a task per choice of the first {@code split} items; the hub keeps the best value
     * the tasks tell it and answers their asks with it.
     *
     * @param pool     any pool.
     * @param instance the problem.
     * @param split    items whose choices split the search.
     * @return the best value and what it took.
     */
    static Result solve(final Pool pool, final Instance instance, final int split)
    {
        final Closure<Integer, Outcome> search =
            pool.define("knapsack-search", (Integer choice) -> instance.search(split, choice));
        final int[] best = { 0 };
        final int[] tells = { 0 };
        final int[] asks = { 0 };
        final List<Outcome> outcomes;
        try (Coordinator coordinator = pool.coordinator().onRequest(request ->
        {
            if (request.expectsReply())
            {
                asks[0]++;
            }
            else
            {
                tells[0]++;
                best[0] = Math.max(best[0], (Integer)request.message());
            }
            return best[0];
        }).start())
        {
            outcomes = coordinator.map(search, IntStream.range(0, 1 << split).boxed().toList());
        }
        final Outcome winner = outcomes.stream().max(Comparator.comparingInt(Outcome::value)).orElseThrow();
        return new Result(winner.value(), winner.items(), outcomes.stream().mapToLong(Outcome::nodes).sum(),
            tells[0], asks[0]);
    }

    /**
     * What a run found.
     *
     * @param value the best value.
     * @param items the items it takes, by index in the instance.
     * @param nodes nodes of the search tree visited, in all tasks.
     * @param tells improvements the tasks told the hub.
     * @param asks  times the tasks asked the hub for the best value.
     */
    record Result(int value, BitSet items, long nodes, int tells, int asks)
    {
    }

    /**
     * What one task found: its best value and items, -1 and none when it found nothing better than what
     * the hub knew; and the nodes it visited.
     *
     * @param value best value found, -1 for none.
     * @param items the items it takes.
     * @param nodes nodes visited.
     */
    record Outcome(int value, BitSet items, long nodes) implements Serializable
    {
    }

    /**
     * A problem: items with weights and values, sorted by value per weight, and a capacity.
     *
     * @param weights  weight of each item.
     * @param values   value of each item.
     * @param capacity the most weight to take.
     */
    record Instance(int[] weights, int[] values, int capacity) implements Serializable
    {
        /**
         * @param weights  weight of each item, positive.
         * @param values   value of each item, positive.
         * @param capacity the most weight to take.
         * @return the instance, items sorted by value per weight, best first.
         */
        static Instance of(final int[] weights, final int[] values, final int capacity)
        {
            final int[] order = IntStream.range(0, weights.length).boxed()
                .sorted(Comparator.comparingDouble(item -> -(double)values[item] / weights[item]))
                .mapToInt(Integer::intValue).toArray();
            return new Instance(IntStream.of(order).map(item -> weights[item]).toArray(),
                IntStream.of(order).map(item -> values[item]).toArray(), capacity);
        }

        /**
         * @param items how many items.
         * @param seed  the same seed makes the same instance.
         * @return weights of 100 to 1000, each value its weight plus 100 (strongly correlated: the hard case for
         *         branch and bound), and room for half the weight.
         */
        static Instance generate(final int items, final long seed)
        {
            final int[] weights = new SplittableRandom(seed).ints(items, 100, 1001).toArray();
            final int[] values = IntStream.of(weights).map(weight -> weight + 100).toArray();
            return of(weights, values, IntStream.of(weights).sum() / 2);
        }

        /**
         * The task: takes or leaves the first {@code split} items as the bits of {@code choice} say, then
         * searches the rest depth first, taking before leaving.
         */
        Outcome search(final int split, final int choice)
        {
            final Search search = new Search(this, Coordinator.<Integer>ask("best?"));
            final BitSet taken = new BitSet();
            int weight = 0;
            int value = 0;
            for (int item = 0; item < split; item++)
            {
                if (0 != (choice & 1 << item))
                {
                    taken.set(item);
                    weight += weights[item];
                    value += values[item];
                }
            }
            if (weight <= capacity)
            {
                search.branch(split, weight, value, taken);
            }
            return new Outcome(search.foundValue, search.foundItems, search.nodes);
        }

        /**
         * @return the optimum by dynamic programming over the capacity: the check.
         */
        int optimumByDynamicProgramming()
        {
            final int[] best = new int[capacity + 1];
            for (int item = 0; item < weights.length; item++)
            {
                for (int room = capacity; room >= weights[item]; room--)
                {
                    best[room] = Math.max(best[room], best[room - weights[item]] + values[item]);
                }
            }
            return best[capacity];
        }
    }

    /**
     * One task's depth-first search, pruned by the best value anyone has found.
     */
    private static final class Search
    {
        private final Instance instance;
        private int bound;
        private int foundValue = -1;
        private BitSet foundItems = new BitSet();
        private long nodes;

        Search(final Instance instance, final int bound)
        {
            this.instance = instance;
            this.bound = bound;
        }

        void branch(final int item, final int weight, final int value, final BitSet taken)
        {
            if (++nodes % NODES_BETWEEN_ASKS == 0)
            {
                bound = Math.max(bound, Coordinator.<Integer>ask("best?"));
            }
            if (value > bound)
            {
                bound = value;
                foundValue = value;
                foundItems = (BitSet)taken.clone();
                Coordinator.tell(value);
            }
            if (item == instance.weights().length || optimistic(item, instance.capacity() - weight, value) <= bound)
            {
                return;
            }
            if (weight + instance.weights()[item] <= instance.capacity())
            {
                taken.set(item);
                branch(item + 1, weight + instance.weights()[item], value + instance.values()[item], taken);
                taken.clear(item);
            }
            branch(item + 1, weight, value, taken);
        }

        /** The best value the remaining items could add if they could be cut: never below the truth. */
        private int optimistic(final int from, final int room, final int value)
        {
            int left = room;
            double bestCase = value;
            for (int item = from; item < instance.weights().length; item++)
            {
                if (instance.weights()[item] > left)
                {
                    return (int)(bestCase + (double)instance.values()[item] * left / instance.weights()[item]);
                }
                left -= instance.weights()[item];
                bestCase += instance.values()[item];
            }
            return (int)bestCase;
        }
    }
}

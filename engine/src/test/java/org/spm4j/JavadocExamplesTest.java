package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The examples in the managers' javadoc and README's "Sharing data", as written there, so they keep compiling and
 * keep working.
 */
class JavadocExamplesTest
{
    @Test
    @Timeout(60)
    void shouldRunTheCoordinatorExample()
    {
        final String output = capture(() ->
        {
            try (Pool pool = Pool.local(2))
            {
                Closure<Integer, Integer> search = pool.define("search", (Integer start) ->
                {
                    int best = Coordinator.<Integer>ask("best so far?");
                    for (int candidate = start; candidate < start + 1000; candidate++)
                    {
                        int score = (candidate * 7919) % 10007;
                        if (score > best)
                        {
                            best = score;
                            Coordinator.tell(best);
                        }
                    }
                    return best;
                });
                int[] best = { 0 };
                try (Coordinator coordinator = pool.coordinator().onRequest(request ->
                {
                    if (!request.expectsReply())
                    {
                        best[0] = Math.max(best[0], (Integer)request.message());
                    }
                    return best[0];
                }).start())
                {
                    coordinator.map(search, List.of(0, 1000, 2000, 3000));
                }
                System.out.println("best score " + best[0]);
            }
        });
        int expected = 0;
        for (int candidate = 0; candidate < 4000; candidate++)
        {
            expected = Math.max(expected, (candidate * 7919) % 10007);
        }
        assertEquals("best score " + expected + System.lineSeparator(), output);
    }

    @Test
    @Timeout(60)
    void shouldRunTheCrewExample()
    {
        final String output = capture(() ->
        {
            try (Pool pool = Pool.local(2))
            {
                Closure<Integer, Double> mean = pool.define("mean", (Integer samples) ->
                {
                    double local = 0;
                    for (int i = Crew.rank(); i < samples; i += Crew.size())
                    {
                        local += i;
                    }
                    double[] total = Crew.allReduce(new double[] { local }, ReduceOp.SUM);
                    return total[0] / samples;
                });
                try (Crew crew = pool.crew().start())
                {
                    System.out.println("means by rank " + crew.run(mean, 1000));
                }
            }
        });
        assertEquals("means by rank [499.5, 499.5]" + System.lineSeparator(), output);
    }

    @Test
    @Timeout(60)
    void shouldRunTheSharingDataExample()
    {
        final double[] values = new double[1000];
        Arrays.fill(values, 500, 1000, 2.0);
        final int slices = 2;
        final String output = capture(() ->
        {
            try (Pool pool = Pool.local(2))
            {
                SharedDoubles samples = pool.share(values);                // copied once, read-only from now on
                SharedDoubles means = pool.allocateDoubles(slices);        // zeros, writable
                int per = values.length / slices;
                Closure<Integer, Integer> mean = pool.define("mean", (Integer slice) ->
                {
                    SharedDoubles mine = samples.slice(slice * per, (slice + 1) * per);  // read in place, no copy
                    double sum = 0;
                    for (int i = 0; i < mine.length(); i++)
                    {
                        sum += mine.get(i);
                    }
                    means.slice(slice, slice + 1).set(0, sum / per);       // this task's range only
                    return slice;
                });
                try (TaskFarm farm = pool.taskFarm().start())
                {
                    farm.map(mean, IntStream.range(0, slices).boxed().toList());
                }
                System.out.println(means.get(0));                          // read in place on the hub
                System.out.println(means.get(1));
            }
        });
        assertEquals("0.0\n2.0\n", output.replace(System.lineSeparator(), "\n"));
    }

    private static String capture(final Runnable example)
    {
        final PrintStream stdout = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            example.run();
        }
        finally
        {
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}

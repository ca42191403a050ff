package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The examples in the managers' javadoc, as written there, so they keep compiling and keep working.
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

package org.spm4j;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Programs that run unchanged on any pool. Each returns a text that says everything observable about
 * its outcome (results, failures without placement), so a serial and a local run can be compared.
 */
final class Scenarios
{
    private Scenarios()
    {
    }

    static String orderedMap(final Pool pool)
    {
        return orderedMap(pool, 2);
    }

    /**
     * With a wide window, tasks travel to spokes and statuses back in batches.
     */
    static String orderedMapInBatches(final Pool pool)
    {
        return orderedMap(pool, 64);
    }

    private static String orderedMap(final Pool pool, final int window)
    {
        final Closure<Integer, Long> affine = pool.define("affine", (Integer x) -> 3L * x + 1);
        try (TaskFarm farm = pool.taskFarm().window(window).start())
        {
            final List<Long> results = farm.map(affine, range(10_000));
            return "size=" + results.size() + " sum=" + results.stream().mapToLong(Long::longValue).sum() +
                " ordered=" + IntStream.range(0, 10_000).allMatch(i -> results.get(i) == 3L * i + 1);
        }
    }

    static String failFast(final Pool pool)
    {
        final Closure<Integer, Integer> failing = pool.define("failing", Scenarios::failOnSeven);
        try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.failFast()).start())
        {
            farm.map(failing, range(20));
            return "no failure";
        }
        catch (final ParallelException ex)
        {
            return describe(ex);
        }
    }

    static String collect(final Pool pool)
    {
        final Closure<Integer, Integer> failing = pool.define("every-fifth", Scenarios::failOnMultiplesOfFive);
        try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.collect()).start())
        {
            farm.map(failing, range(20));
            return "no failure";
        }
        catch (final ParallelException ex)
        {
            return describe(ex);
        }
    }

    static String ignore(final Pool pool)
    {
        final Closure<Integer, Integer> failing = pool.define("every-fifth", Scenarios::failOnMultiplesOfFive);
        try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.ignore()).start())
        {
            return farm.map(failing, range(12)).toString();
        }
    }

    static String retryThenCollect(final Pool pool)
    {
        final Closure<Integer, Integer> failing = pool.define("failing", Scenarios::failOnSeven);
        final List<String> retries = new ArrayList<>();
        try (TaskFarm farm = pool.taskFarm()
            .errorPolicy(ErrorPolicy.retry(2, ErrorPolicy.collect()))
            .onStatus(status -> record(retries, status))
            .start())
        {
            farm.map(failing, range(10));
            return "no failure";
        }
        catch (final ParallelException ex)
        {
            return describe(ex) + " statuses=" + retries;
        }
    }

    static String retrySucceedsOnSecondAttempt(final Pool pool, final Path markers)
    {
        final String directory = markers.toString();
        final Closure<Integer, Integer> flaky = pool.define("flaky", (Integer x) -> failFirstTime(directory, x));
        final List<String> statuses = new ArrayList<>();
        try (TaskFarm farm = pool.taskFarm()
            .errorPolicy(ErrorPolicy.retry(1, ErrorPolicy.failFast()))
            .onStatus(status -> record(statuses, status))
            .start())
        {
            return farm.map(flaky, range(4)) + " statuses=" + statuses;
        }
    }

    static String describe(final ParallelException ex)
    {
        final List<String> failures = new ArrayList<>();
        ex.failures().stream()
            .sorted(Comparator.comparingLong(TaskFailure::taskId))
            .forEach(failure -> failures.add(failure.describeWithoutPlacement()));
        return failures.toString();
    }

    static List<Integer> range(final int count)
    {
        return IntStream.range(0, count).boxed().toList();
    }

    private static void record(final List<String> statuses, final TaskStatus status)
    {
        if (TaskStatus.State.COMPLETED != status.state())
        {
            synchronized (statuses)
            {
                statuses.add(status.taskId() + ":" + status.attempt() + ":" + status.state());
            }
        }
    }

    private static int failOnSeven(final Integer x)
    {
        if (7 == x)
        {
            throw new IllegalStateException("bad input " + x);
        }
        return x;
    }

    private static int failOnMultiplesOfFive(final Integer x)
    {
        if (0 == x % 5)
        {
            throw new ArithmeticException(x + " is a multiple of five");
        }
        return x;
    }

    private static int failFirstTime(final String directory, final Integer x) throws IOException
    {
        final Path marker = Path.of(directory, "task-" + x);
        if (1 == x && !Files.exists(marker))
        {
            Files.createFile(marker);
            throw new IOException("first attempt at " + x + " fails");
        }
        return x * 10;
    }

    /**
     * Serializable, but holds something that is not.
     */
    static final class Holder implements Serializable
    {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("serial")
        private final Object lock = new Object();

        int value()
        {
            return lock.hashCode() * 0;
        }
    }
}

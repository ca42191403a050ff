package org.spm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.Closure;
import org.spm4j.ErrorPolicy;
import org.spm4j.ParallelException;
import org.spm4j.Pool;
import org.spm4j.TaskFarm;
import org.spm4j.shm.journal.ErrorJournal;
import org.spm4j.shm.journal.ErrorJournalAppender;
import org.spm4j.shm.journal.ErrorKind;
import org.spm4j.shm.journal.ErrorRecord;

/**
 * {@code spm errors} on journals that real spokes wrote: found through a live pool's id, each record in
 * full, grouped with counts, as JSON, and followed as records arrive.
 */
class SpmErrorsTest
{
    @TempDir
    private Path directory;

    @Test
    @Timeout(30)
    void shouldShowTheRecordsOfALivePoolFoundByItsIdEachGroupedAndAsJson()
    {
        final Path root = directory.resolve("pools");
        try (Pool pool = Pool.builder().spokes(2).root(root).build())
        {
            final Closure<Integer, Integer> picky = pool.define("picky", SpmErrorsTest::refuseEvenAndSeven);
            try (TaskFarm farm = pool.taskFarm().errorPolicy(ErrorPolicy.collect()).start())
            {
                assertEquals(5, assertThrows(ParallelException.class,
                    () -> farm.map(picky, IntStream.range(0, 8).boxed().toList())).failures().size());
            }

            final SpmRun each = SpmRun.of("errors", "--root", root.toString(), pool.id());
            assertEquals(Spm.OK, each.exitCode(), each.toString());
            assertEquals(4, count(each.out(), "java.lang.IllegalArgumentException: even numbers are refused"),
                each.out());
            assertEquals(1, count(each.out(), "java.lang.ArithmeticException: seven"), each.out());
            assertEquals(5, count(each.out(), "at org.spm4j.cli.SpmErrorsTest.refuseEvenAndSeven("), each.out());
            assertEquals(5, count(each.out(), ", closure 'picky', spoke "), each.out());
            assertTrue(each.out().endsWith("5 records in " + pool.journalDirectory() + "\n"), each.out());

            final SpmRun distinct = SpmRun.of("errors", "--distinct", "--root", root.toString(), pool.id());
            final List<String> rows = distinct.out().lines().toList();
            assertTrue(rows.get(1).matches(" +4 +\\S+ \\S+ \\S+ +\\S+ \\S+ \\S+ +java.lang.IllegalArgumentException: " +
                "even numbers are refused \\(TASK_FAILED; picky\\)"), distinct.out());
            assertTrue(rows.get(2).matches(" +1 .* java.lang.ArithmeticException: seven \\(TASK_FAILED; picky\\)"),
                distinct.out());
            assertEquals("5 records, 2 distinct errors, in " + pool.journalDirectory(), rows.get(3));

            final List<Map<String, Object>> records = SpmRun.of("errors", "--json", root.resolve(pool.id()).toString())
                .out().lines().map(JsonLine::parse).toList();
            assertEquals(5, records.size());
            assertEquals(5, records.stream().map(r -> r.get("task")).distinct().count());
            assertTrue(records.stream().allMatch(r -> "picky".equals(r.get("closure")) &&
                "TASK_FAILED".equals(r.get("kind")) && ((String)r.get("stackTrace")).contains("refuseEvenAndSeven")));

            final List<Map<String, Object>> groups = SpmRun.of("errors", "--json", "--distinct",
                pool.journalDirectory().toString()).out().lines().map(JsonLine::parse).toList();
            assertEquals(List.of(4L, 1L), groups.stream().map(group -> group.get("count")).toList());
            assertEquals("seven", groups.get(1).get("message"));
        }
    }

    @Test
    @Timeout(30)
    void shouldFollowTheJournalUntilInterrupted() throws Exception
    {
        final Path journal = directory.resolve("journal");
        try (ErrorJournal errorJournal = ErrorJournal.open(journal);
            ErrorJournalAppender appender = errorJournal.appender())
        {
            appender.append(record("before"));
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
            final Thread follower = new Thread(() -> exitCode.complete(new Spm(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false)
                .run("errors", "--follow", "--json", journal.toString())));
            follower.start();

            awaitLines(out, 1);
            try (ErrorJournalAppender spoke = errorJournal.spokeJournal(2).appender())
            {
                spoke.append(record("after, from a spoke whose queue appeared while following"));
            }
            awaitLines(out, 2);
            follower.interrupt();

            assertEquals(Spm.OK, exitCode.get(10, TimeUnit.SECONDS));
            assertEquals(List.of("before", "after, from a spoke whose queue appeared while following"),
                out.toString(StandardCharsets.UTF_8).lines()
                .map(line -> JsonLine.parse(line).get("message")).toList());
        }
    }

    private static Integer refuseEvenAndSeven(final Integer x)
    {
        if (0 == x % 2)
        {
            throw new IllegalArgumentException("even numbers are refused");
        }
        if (7 == x)
        {
            throw new ArithmeticException("seven");
        }
        return x;
    }

    private static ErrorRecord record(final String message)
    {
        return ErrorRecord.builder().kind(ErrorKind.TASK_FAILED).poolId("p1").closureName("c").message(message)
            .exceptionClass("java.lang.IllegalStateException").timeEpochMs(System.currentTimeMillis()).build();
    }

    private static void awaitLines(final ByteArrayOutputStream out, final int lines) throws InterruptedException
    {
        while (out.toString(StandardCharsets.UTF_8).lines().count() < lines)
        {
            Thread.sleep(10);
        }
    }

    private static int count(final String text, final String part)
    {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1))
        {
            count++;
        }
        return count;
    }
}

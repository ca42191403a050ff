package org.spm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spm4j.Pool;
import org.spm4j.TaskFailure;
import org.spm4j.TaskStatus.State;

class FailuresExampleTest
{
    private static final String FOUR = "4 is out of range";
    private static final String SIX = "6 fails once";

    @TempDir
    private Path root;

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(60)
    void shouldGiveEachPolicyItsOutcome(final PoolKind kind) throws IOException
    {
        final Path markers = Files.createDirectory(root.resolve("markers"));
        final Map<String, FailuresExample.Run> runs = new HashMap<>();
        try (Pool pool = kind.start(root))
        {
            FailuresExample.POLICIES.forEach((name, policy) ->
                runs.put(name, FailuresExample.run(pool, name, policy, markers)));
        }

        final FailuresExample.Run failFast = runs.get("failFast()");
        assertNotNull(failFast.thrown());
        assertTrue(failFast.thrown().failures().stream().allMatch(failure -> 1 == failure.attempt() &&
            (FOUR.equals(failure.remoteMessage()) || SIX.equals(failure.remoteMessage()))), failFast.toString());
        assertEquals(8, failFast.count(State.COMPLETED) + failFast.count(State.FAILED) +
            failFast.count(State.CANCELLED), "every task ends one way: " + failFast.counts());
        if (PoolKind.SERIAL == kind)
        {
            // 4 and 5 go out together (a serial pool's window of 2), so 5 completes; 6 and 7 are cancelled
            assertEquals(Map.of(State.COMPLETED, 5, State.FAILED, 1, State.CANCELLED, 2), failFast.counts());
        }

        final FailuresExample.Run collect = runs.get("collect()");
        assertEquals(List.of(FOUR + " 1", SIX + " 1"), sorted(collect.thrown().failures()));
        assertEquals(Map.of(State.COMPLETED, 6, State.FAILED, 2), collect.counts());

        final FailuresExample.Run ignore = runs.get("ignore()");
        assertNull(ignore.thrown());
        assertEquals(Arrays.asList(0, 1, 4, 9, null, 25, null, 49), ignore.results());
        assertEquals(Map.of(State.COMPLETED, 6, State.FAILED, 2), ignore.counts());

        final FailuresExample.Run retry = runs.get("retry(1, collect())");
        assertEquals(List.of(FOUR + " 2"), sorted(retry.thrown().failures()));
        assertEquals(List.of(FOUR + " 1", FOUR + " 2", SIX + " 1"), sorted(retry.seen()));
        assertEquals(Map.of(State.COMPLETED, 7, State.RETRYING, 2, State.FAILED, 1), retry.counts());

        final FailuresExample.Run lambda = runs.get("lambda: retry if transient");
        assertNull(lambda.thrown());
        assertEquals(Arrays.asList(0, 1, 4, 9, null, 25, 36, 49), lambda.results());
        assertEquals(Map.of(State.COMPLETED, 7, State.RETRYING, 1, State.FAILED, 1), lambda.counts());
    }

    @Test
    @Timeout(60)
    void shouldPrintTheTableAndTheJournalRecordThatReplaysToTheSameFailure()
    {
        final Path journal = root.resolve("journal");
        final CommandRun run = CommandRun.of(new FailuresExample(), "--journal", journal.toString(), "-n", "2",
            "--root", root.toString());

        assertEquals(Examples.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("\nignore()                             6      2       0         0  returned " +
            "[0, 1, 4, 9, null, 25, null, 49]\n"), run.toString());
        assertTrue(run.out().contains("bin/spm errors " + journal + "\n"), run.toString());
        final Matcher replay = Pattern.compile("--replay ([0-9]+) --spoke ([0-9]+) --journal ").matcher(run.out());
        assertTrue(replay.find(), run.toString());

        final CommandRun again = CommandRun.of(new FailuresExample(), "--replay", replay.group(1),
            "--spoke", replay.group(2), "--journal", journal.toString());

        assertEquals(Examples.FAILED, again.exitCode(), again.toString());
        assertTrue(again.out().contains("it failed again:\njava.lang.IllegalArgumentException: " + FOUR + "\n"),
            again.toString());
    }

    /** Each failure as its message and attempt, sorted: the order of failures on spokes may vary. */
    private static List<String> sorted(final List<TaskFailure> failures)
    {
        return failures.stream().map(failure -> failure.remoteMessage() + " " + failure.attempt()).sorted().toList();
    }
}

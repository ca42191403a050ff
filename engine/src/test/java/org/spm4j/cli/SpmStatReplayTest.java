package org.spm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.Closure;
import org.spm4j.ParallelException;
import org.spm4j.Pool;
import org.spm4j.TaskFarm;
import org.spm4j.internal.local.LocalPool;

class SpmStatReplayTest
{
    @TempDir
    private Path root;

    @Test
    @Timeout(60)
    void shouldShowTheClosureEachBusySpokeRunsAndForHowLong() throws Exception
    {
        final Path pools = root.resolve("pools");
        final String release = root.resolve("release").toString();
        try (Pool pool = Pool.builder().spokes(1).root(pools).build())
        {
            final Closure<String, Boolean> waitForFile = pool.define("wait-for-file", (String file) ->
            {
                while (!Files.exists(Path.of(file)))
                {
                    Thread.sleep(10);
                }
                return true;
            });
            final TaskFarm farm = pool.taskFarm().start();
            final CompletableFuture<Boolean> running = farm.submit(waitForFile, release);

            Map<?, ?> spoke;
            do
            {
                final SpmRun run = SpmRun.of("stat", pool.id(), "--root", pools.toString(), "--json");
                assertEquals(Spm.OK, run.exitCode(), run.toString());
                spoke = (Map<?, ?>)((List<?>)JsonLine.parse(run.out().strip()).get("spokes")).get(0);
            }
            while (!"wait-for-file".equals(spoke.get("closure")));
            assertTrue(((Number)spoke.get("taskAgeMs")).longValue() >= 0, spoke.toString());
            final SpmRun text = SpmRun.of("stat", pool.id(), "--root", pools.toString());
            assertTrue(text.out().matches("(?s).*\\n0 +\\d+ BUSY +\\d+ ms wait-for-file for \\d+\\.\\d s .*"),
                text.out());

            Files.createFile(Path.of(release));
            assertTrue(running.get());
            farm.close();
        }
    }

    @Test
    @Timeout(60)
    void shouldShowALivePoolsSpokesAsJson()
    {
        final Path pools = root.resolve("pools");
        try (Pool pool = Pool.builder().spokes(2).root(pools).build())
        {
            final Closure<Integer, Integer> twice = pool.define("twice", (Integer x) -> 2 * x);
            try (TaskFarm farm = pool.taskFarm().start())
            {
                farm.map(twice, List.of(1, 2, 3, 4));
            }
            pool.allocateDoubles(1000);
            pool.share(new int[] {1, 2, 3}).close();
            pool.share(new byte[] {1, 2, 3});

            final SpmRun run = SpmRun.of("stat", pool.id(), "--root", pools.toString(), "--json");

            assertEquals(Spm.OK, run.exitCode(), run.toString());
            final Map<String, Object> stat = JsonLine.parse(run.out().strip());
            assertEquals(pool.id(), stat.get("pool"));
            assertEquals(ProcessHandle.current().pid(), ((Number)stat.get("hubPid")).longValue());
            final List<?> spokes = (List<?>)stat.get("spokes");
            assertEquals(2, spokes.size());
            for (int spokeId = 0; spokeId < 2; spokeId++)
            {
                final Map<?, ?> spoke = (Map<?, ?>)spokes.get(spokeId);
                assertEquals(((LocalPool)pool).spokePid(spokeId), ((Number)spoke.get("pid")).longValue());
                assertEquals("READY", spoke.get("state"));
            }
            assertEquals(4L, ((Number)((Map<?, ?>)stat.get("totals")).get("tasks completed")).longValue());
            assertEquals("[{file=1-double.arr, type=double, length=1000, bytes=8000}, " +
                "{file=3-byte.arr, type=byte, length=3, bytes=3}]", stat.get("sharedArrays").toString());

            final SpmRun text = SpmRun.of("stat", ((LocalPool)pool).directory().toString());
            assertEquals(Spm.OK, text.exitCode(), text.toString());
            assertTrue(text.out().contains("total tasks submitted 4, tasks completed 4"), text.out());
            assertTrue(text.out().contains("shared arrays 2, 8003 bytes"), text.out());
            assertTrue(text.out().contains("1-double.arr     double[1000], 8000 bytes"), text.out());
        }
    }

    @Test
    @Timeout(60)
    void shouldEndAWatchWithExit0WhenItsPoolCloses() throws Exception
    {
        final Path pools = root.resolve("pools");
        final CompletableFuture<Void> firstSnapshot = new CompletableFuture<>();
        final ByteArrayOutputStream out = new ByteArrayOutputStream()
        {
            @Override
            public synchronized void write(final byte[] bytes, final int offset, final int length)
            {
                super.write(bytes, offset, length);
                firstSnapshot.complete(null);
            }
        };
        final Pool pool = Pool.builder().spokes(1).root(pools).build();
        final CompletableFuture<Integer> watch;
        try
        {
            watch = CompletableFuture.supplyAsync(() -> new Spm(InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(OutputStream.nullOutputStream()),
                false).run("stat", pool.id(), "--root", pools.toString(), "--watch", "1"));
            firstSnapshot.get(30, TimeUnit.SECONDS);
        }
        finally
        {
            pool.close();
        }

        assertEquals(Spm.OK, watch.get(30, TimeUnit.SECONDS), out.toString(StandardCharsets.UTF_8));
        final String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.strip().endsWith("pool " + pool.id() + " is gone: its hub closed it"), text);
        assertFalse(text.contains("heartbeat age -"), text);
    }

    @Test
    @Timeout(60)
    void shouldReproduceAFailedTaskFromItsRecord()
    {
        final Path journal = root.resolve("journal");
        try (Pool pool = Pool.builder().spokes(2).root(root.resolve("pools")).persistentJournal(journal).build())
        {
            final Closure<Integer, Integer> check = pool.define("check", (Integer x) ->
            {
                if (x > 2)
                {
                    throw new IllegalArgumentException(x + " is too big");
                }
                return x;
            });
            try (TaskFarm farm = pool.taskFarm().start())
            {
                farm.map(check, List.of(3));
            }
            catch (final ParallelException ex)
            {
                final long index = ex.failures().get(0).journalIndex();

                final SpmRun run = SpmRun.of("replay", journal.toString(), Long.toString(index));

                assertEquals(Spm.FAILED, run.exitCode(), run.toString());
                assertTrue(run.out().startsWith("replaying task 1 attempt 1 of 'check', which failed with " +
                    "java.lang.IllegalArgumentException: 3 is too big"), run.out());
                assertTrue(run.out().contains("it failed again:\njava.lang.IllegalArgumentException: 3 is too big"),
                    run.out());
                assertEquals(Spm.BAD_INPUT, SpmRun.of("replay", journal.toString(), "12345").exitCode());
                return;
            }
        }
        throw new AssertionError("the task did not fail");
    }
}

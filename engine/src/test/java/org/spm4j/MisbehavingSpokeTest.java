package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.internal.local.LocalPool;
import org.spm4j.internal.spoke.SpokeMain;
import org.spm4j.shm.PoolFile;
import org.spm4j.shm.mailbox.Inbox;
import org.spm4j.shm.mailbox.MessageTypes;
import org.spm4j.shm.mailbox.StatusFlyweight;

/**
 * A spoke that writes garbage to the hub is isolated: killed, its task handled as if it had crashed, and
 * replaced, while the pool carries on.
 */
class MisbehavingSpokeTest
{
    @TempDir
    private Path root;

    @Test
    @Timeout(60)
    void shouldKillAndReplaceASpokeThatSendsTheHubAMalformedMessage() throws IOException
    {
        final String markers = Files.createDirectory(root.resolve("markers")).toString();
        final List<TaskFailure> failures = new CopyOnWriteArrayList<>();
        try (Pool pool = Pool.builder().spokes(2).root(root.resolve("pools")).build())
        {
            final Closure<Integer, Integer> hostile = pool.define("hostile", (Integer x) ->
            {
                if (3 == x && Files.notExists(Path.of(markers, "garbage-sent")))
                {
                    Files.createFile(Path.of(markers, "garbage-sent"));
                    sendGarbageToTheHub();
                    Thread.sleep(60_000);
                }
                return 10 * x;
            });
            try (TaskFarm farm = pool.taskFarm().errorPolicy(failure ->
            {
                failures.add(failure);
                return ErrorPolicy.retry(1, ErrorPolicy.failFast()).decide(failure);
            }).start())
            {
                assertEquals(List.of(0, 10, 20, 30, 40, 50), farm.map(hostile, List.of(0, 1, 2, 3, 4, 5)));
            }

            assertEquals(1, failures.size(), failures.toString());
            final TaskFailure failure = failures.get(0);
            assertEquals(FailureKind.SPOKE_CRASHED, failure.kind());
            assertTrue(failure.remoteMessage().matches("spoke [01] \\(pid \\d+\\) sent the hub a malformed message " +
                "\\(STATUS message at offset \\d+ declares a payload of 1000 bytes but carries 8\\) and was killed " +
                "while running task \\d+"), failure.remoteMessage());
            assertTrue(ProcessHandle.of(failure.pid()).map(process -> !process.isAlive()).orElse(true));
            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertEquals(List.of(70, 80), farm.map(hostile, List.of(7, 8)), "the replacement serves the pool");
            }
            assertNotEquals(failure.pid(), ((LocalPool)pool).spokePid(failure.spokeId()));
        }
    }

    /**
     * A STATUS that declares more payload than it carries, signed with this spoke's id, in its own outbox: the task
     * runs on the thread that writes the outbox.
     */
    private static void sendGarbageToTheHub()
    {
        final List<String> arguments = List.of(ProcessHandle.current().info().arguments().orElseThrow());
        final int main = arguments.indexOf(SpokeMain.class.getName());
        final int spokeId = Integer.parseInt(arguments.get(main + 2));
        try (PoolFile poolFile = PoolFile.openWithoutLivenessCheck(Path.of(arguments.get(main + 1))))
        {
            final Inbox outbox = Inbox.outboxOf(poolFile, spokeId);
            final int length = StatusFlyweight.HEADER_LENGTH + 8;
            final int index = outbox.tryClaim(MessageTypes.STATUS, length);
            outbox.buffer().setMemory(index, length, (byte)0);
            outbox.buffer().putInt(index + 20, spokeId);
            outbox.buffer().putInt(index + StatusFlyweight.HEADER_LENGTH - 4, 1000);
            outbox.commit(index);
        }
    }
}

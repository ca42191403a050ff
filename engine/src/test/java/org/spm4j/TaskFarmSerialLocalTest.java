package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.agrona.collections.MutableLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same programs on {@code Pool.serial()} and {@code Pool.local(2)}: identical results and identical
 * failure content.
 */
class TaskFarmSerialLocalTest
{
    @TempDir
    private Path root;

    static Stream<Arguments> scenarios()
    {
        return Stream.of(
            Arguments.of("ordered map of 10,000 tasks", (Function<Pool, String>)Scenarios::orderedMap,
                "size=10000 sum=" + (3L * 9999 * 10000 / 2 + 10000) + " ordered=true"),
            Arguments.of("ordered map of 10,000 tasks in batches",
                (Function<Pool, String>)Scenarios::orderedMapInBatches,
                "size=10000 sum=" + (3L * 9999 * 10000 / 2 + 10000) + " ordered=true"),
            Arguments.of("fail-fast", (Function<Pool, String>)Scenarios::failFast,
                "[TASK_FAILED task 8 attempt 1 of 'failing': java.lang.IllegalStateException: bad input 7]"),
            Arguments.of("collect", (Function<Pool, String>)Scenarios::collect,
                "[" + multipleOfFive(1, 0) + ", " + multipleOfFive(6, 5) + ", " + multipleOfFive(11, 10) + ", " +
                multipleOfFive(16, 15) + "]"),
            Arguments.of("ignore", (Function<Pool, String>)Scenarios::ignore,
                "[null, 1, 2, 3, 4, null, 6, 7, 8, 9, null, 11]"),
            Arguments.of("retry then collect", (Function<Pool, String>)Scenarios::retryThenCollect,
                "[TASK_FAILED task 8 attempt 3 of 'failing': java.lang.IllegalStateException: bad input 7]" +
                " statuses=[8:1:RETRYING, 8:2:RETRYING, 8:3:FAILED]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldGiveTheSameOutcomeSeriallyAndInParallel(
        final String name, final Function<Pool, String> scenario, final String expected)
    {
        assertEquals(expected, run(PoolKind.SERIAL, scenario), "serial");
        assertEquals(expected, run(PoolKind.LOCAL, scenario), "local");
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shouldSucceedOnTheSecondAttempt(final PoolKind kind) throws Exception
    {
        final Path markers = Files.createDirectory(root.resolve("markers-" + kind));
        try (Pool pool = kind.start(root))
        {
            assertEquals("[0, 10, 20, 30] statuses=[2:1:RETRYING]",
                Scenarios.retrySucceedsOnSecondAttempt(pool, markers));
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shouldRefuseAClosureCapturingSomethingNotSerializableNamingIt(final PoolKind kind)
    {
        final Scenarios.Holder holder = new Scenarios.Holder();
        try (Pool pool = kind.start(root))
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> pool.define("captures", (Integer x) -> x + holder.value()));

            assertTrue(ex.getMessage().startsWith("closure 'captures' cannot serialize"), ex.getMessage());
            assertTrue(ex.getMessage().contains("captured value 0 (org.spm4j.Scenarios$Holder) -> field 'lock' of " +
                "org.spm4j.Scenarios$Holder holds java.lang.Object, which is not Serializable"), ex.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shouldRefuseAnArgumentThatCannotBeSerializedAtSubmit(final PoolKind kind)
    {
        try (Pool pool = kind.start(root))
        {
            final Closure<Object, String> show = pool.define("show", String::valueOf);
            try (TaskFarm farm = pool.taskFarm().start())
            {
                final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> farm.submit(show, List.of(new Scenarios.Holder())));

                assertTrue(ex.getMessage().contains("element 0 -> field 'lock' of org.spm4j.Scenarios$Holder holds " +
                    "java.lang.Object, which is not Serializable"), ex.getMessage());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shouldRefuseToDeserializeAClassOutsideTheAllowListUntilItIsAllowed(final PoolKind kind)
    {
        try (Pool pool = kind.start(root))
        {
            final Closure<MutableLong, Long> unwrap = pool.define("unwrap", MutableLong::get);
            final ParallelException ex = assertThrows(ParallelException.class, () ->
            {
                try (TaskFarm farm = pool.taskFarm().start())
                {
                    farm.map(unwrap, List.of(new MutableLong(5)));
                }
            });
            assertEquals("argument cannot be decoded on spoke 0: class org.agrona.collections.MutableLong is not in " +
                "the deserialization allow-list; allow it with PoolBuilder.allowClasses(\"org.agrona.collections.*\")",
                ex.failures().get(0).remoteMessage().replaceAll("spoke \\d", "spoke 0"));
        }
        try (Pool pool = kind.builder(root).allowClasses("org.agrona.collections.*").build())
        {
            final Closure<MutableLong, Long> unwrap = pool.define("unwrap", MutableLong::get);
            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertEquals(List.of(5L), farm.map(unwrap, List.of(new MutableLong(5))));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shouldEncodeValuesWithTheUsersCodecOnBothSides(final PoolKind kind)
    {
        try (Pool pool = kind.builder(root).codec(TextCodec.class).build())
        {
            final Closure<Object, String> typeOf = pool.define("type-of", value -> value.getClass().getSimpleName());
            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertEquals(List.of("String", "String"), farm.map(typeOf, List.of(1, 2.5)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shouldEnforceTheParallelInvariants(final PoolKind kind)
    {
        try (Pool pool = kind.start(root))
        {
            final Closure<Integer, Integer> identity = pool.define("identity", (Integer x) -> x);
            assertEquals("closure name 'identity' is already defined in this pool (closure 0); closure names are " +
                "unique per pool", assertThrows(ParallelInvariantException.class,
                () -> pool.define("identity", (Integer x) -> x)).getMessage());

            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertEquals("closure 'late' defined while task farm run 1 is online; closures may only be defined " +
                    "while offline, before a manager starts", assertThrows(ParallelInvariantException.class,
                    () -> pool.define("late", (Integer x) -> x)).getMessage());
                assertTrue(assertThrows(ParallelInvariantException.class, () -> pool.taskFarm().start())
                    .getMessage().startsWith("cannot start a task farm: task farm run 1 is online on pool"));
                assertEquals(List.of(5), farm.map(identity, List.of(5)));
            }

            pool.define("after", (Integer x) -> x);
            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertEquals(List.of(6), farm.map(identity, List.of(6)), "offline again after close");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shouldStopTheRunWhenAStatusCallbackThrowsAndKeepThePoolUsable(final PoolKind kind)
    {
        try (Pool pool = kind.start(root))
        {
            final Closure<Integer, Integer> identity = pool.define("identity", (Integer x) -> x);
            final ParallelException ex = assertThrows(ParallelException.class, () ->
            {
                try (TaskFarm farm = pool.taskFarm().onStatus(status ->
                {
                    throw new IllegalStateException("callback broke on task " + status.taskId());
                }).start())
                {
                    farm.map(identity, Scenarios.range(10));
                }
            });

            assertEquals(FailureKind.HUB_CALLBACK_FAILED, ex.failures().get(0).kind());
            assertTrue(ex.failures().get(0).remoteMessage().startsWith("callback broke on task"));
            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertEquals(List.of(1, 2), farm.map(identity, List.of(1, 2)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shouldShowTheRemoteFramesWhenTheHubPrintsTheException(final PoolKind kind)
    {
        final String trace;
        try (Pool pool = kind.start(root))
        {
            final String text = Scenarios.failFast(pool);
            assertTrue(text.contains("bad input 7"), text);
            final Closure<Integer, Integer> failing = pool.define("failing-again", (Integer x) ->
            {
                throw new IllegalArgumentException("remote " + x);
            });
            final ParallelException ex = assertThrows(ParallelException.class, () ->
            {
                try (TaskFarm farm = pool.taskFarm().start())
                {
                    farm.map(failing, List.of(1));
                }
            });
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            ex.printStackTrace(new PrintStream(out, true, StandardCharsets.UTF_8));
            trace = out.toString(StandardCharsets.UTF_8);
            assertTrue(ex.failures().get(0).remoteStackTrace().contains("TaskFarmSerialLocalTest.lambda$"), trace);
        }
        assertTrue(trace.contains("Caused by: java.lang.IllegalArgumentException: remote 1"), trace);
        assertTrue(trace.contains("at org.spm4j.TaskFarmSerialLocalTest.lambda$"), trace);
    }

    private static String multipleOfFive(final int taskId, final int argument)
    {
        return "TASK_FAILED task " + taskId + " attempt 1 of 'every-fifth': java.lang.ArithmeticException: " +
            argument + " is a multiple of five";
    }

    private String run(final PoolKind kind, final Function<Pool, String> scenario)
    {
        try (Pool pool = kind.start(root))
        {
            return scenario.apply(pool);
        }
    }
}

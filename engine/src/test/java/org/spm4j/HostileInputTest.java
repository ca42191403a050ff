package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spm4j.internal.codec.AllowListFilter;
import org.spm4j.internal.codec.JavaSerialization;

import untrusted.Gadget;
import untrusted.Traces;

/**
 * Hostile and oversized input: classes outside the allow-list, values over the inbox limits, object graphs
 * nested too deeply, a full closure table. A serial and a local pool refuse each the same way, with a message
 * that names what and the limit, without running any code of a refused class and without a
 * {@link StackOverflowError}; the pool then runs the next tasks.
 */
class HostileInputTest
{
    private static final String GADGET_REFUSED = "class untrusted.Gadget is not in the deserialization allow-list; " +
        "allow it with PoolBuilder.allowClasses(\"untrusted.*\")";
    private static final String FLATTEN =
        "send a flatter structure, e.g. an array or a list instead of a chain of objects";
    private static final String TOO_DEEP = "its object graph is nested too deeply (java.lang.StackOverflowError); " +
        "values may be nested at most 500 levels; " + FLATTEN;
    private static final String OVER_THE_DEPTH_LIMIT = "object graph nested deeper than 500 levels; " + FLATTEN;
    private static final int DEEPER_THAN_ANY_STACK = 100_000;
    private static final int DEEPER_THAN_THE_LIMIT = 600;

    @TempDir
    private Path root;

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(60)
    void shouldRefuseAClassOutsideTheAllowListInAClosureAnArgumentOrAResultWithoutRunningItsCode(
        final PoolKind kind) throws IOException
    {
        final Gadget gadget = new Gadget(7);
        final List<String> hubTraces = Traces.inThisJvm();
        final Path spokeTraces = Files.createDirectory(root.resolve("traces"));
        try (Pool pool = tracing(kind, spokeTraces).build())
        {
            final Closure<Integer, Integer> doubling = defineDoubling(pool);
            final Closure<Integer, Integer> capturing = pool.define("captures-gadget", (Integer x) -> gadget.value());
            final Closure<Object, Integer> hashing = pool.define("hash", Object::hashCode);
            final Closure<Integer, Gadget> making = pool.define("makes-gadget", Gadget::new);

            assertEquals("TASK_FAILED: closure 'captures-gadget' cannot be deserialized: " + GADGET_REFUSED,
                failureOf(pool, capturing, 1));
            assertEquals("TASK_FAILED: argument cannot be decoded on spoke N: " + GADGET_REFUSED,
                failureOf(pool, hashing, gadget));
            assertEquals("PROTOCOL_VIOLATION: result of task 3 cannot be decoded on the hub: " + GADGET_REFUSED,
                failureOf(pool, making, 1));
            assertRunsTasks(pool, doubling);
        }
        assertEquals(kind == PoolKind.SERIAL ? List.of("constructor") : List.of(), tracesSince(hubTraces),
            "on a serial pool, 'makes-gadget' ran in this JVM; nothing else may run a gadget's code here");
        assertEquals(kind == PoolKind.SERIAL ? List.of() : List.of("constructor", "static-initializer"),
            Traces.inDirectory(spokeTraces), "on a local pool, 'makes-gadget' ran on a spoke; nothing else");
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(60)
    void shouldRunTheCodeOfAnAllowedClassWhereItIsDeserializedWhichTheTracesShow(final PoolKind kind)
        throws IOException
    {
        final Gadget gadget = new Gadget(7);
        final List<String> hubTraces = Traces.inThisJvm();
        final Path spokeTraces = Files.createDirectory(root.resolve("traces"));
        try (Pool pool = tracing(kind, spokeTraces).allowClasses("untrusted.*").build())
        {
            final Closure<Gadget, Integer> valueOf = pool.define("value-of", Gadget::value);
            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertEquals(List.of(7), farm.map(valueOf, List.of(gadget)));
            }
        }
        final List<String> deserialized = List.of("constructor", "readObject", "readResolve");
        assertEquals(kind == PoolKind.SERIAL ? deserialized : List.of(), tracesSince(hubTraces));
        assertEquals(kind == PoolKind.SERIAL ? List.of() : List.of("constructor", "readObject", "readResolve",
            "static-initializer"), Traces.inDirectory(spokeTraces));
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(60)
    void shouldAcceptResultsOfClassesFromThePackageOfTheirClosure(final PoolKind kind)
    {
        try (Pool pool = kind.start(root))
        {
            final Closure<Integer, Gadget> making = pool.define("makes-gadget", Gadget.maker());
            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertEquals(List.of(3, 4), farm.map(making, List.of(3, 4)).stream().map(Gadget::value).toList());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(60)
    void shouldCarryValuesOverTheInboxLimitAndRefuseClosuresOverTheClosureTableThenRunTheNextTasks(
        final PoolKind kind) throws Exception
    {
        try (Pool pool = kind.builder(root).inboxCapacity(1 << 16).closureTableLength(1 << 16).build())
        {
            final Closure<Integer, Integer> doubling = defineDoubling(pool);
            final Closure<Object, Object> identity = pool.define("identity", (Object x) -> x);
            final Closure<Integer, byte[]> bytes = pool.define("bytes", (Integer n) -> new byte[n]);
            final byte[] large = new byte[100_000];
            final String tableFull = "closure table is full: closure '%s' needs \\d+ bytes but only \\d+ of 65536 " +
                "are free; give the pool a larger closure table with PoolBuilder.closureTableLength";

            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertArrayEquals(large, (byte[])farm.submit(identity, large).get(30, TimeUnit.SECONDS),
                    "an argument and a result over the limit of a message, through a value segment");
                assertEquals(List.of(10_000), farm.map(bytes, List.of(10_000)).stream().map(b -> b.length).toList());
            }
            assertMatches(tableFull.formatted("larger-than-the-table"), assertThrows(IllegalStateException.class,
                () -> pool.define("larger-than-the-table", (Integer x) -> large.length)).getMessage());

            final byte[] some = new byte[4_000];
            final List<Closure<Integer, Integer>> fitted = new ArrayList<>();
            final IllegalStateException full = assertThrows(IllegalStateException.class, () ->
            {
                while (fitted.size() < 100)
                {
                    fitted.add(pool.define("fills-" + fitted.size(), (Integer x) -> x + some.length));
                }
            });
            assertMatches(tableFull.formatted("fills-" + fitted.size()), full.getMessage());
            assertRunsTasks(pool, doubling);
            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertEquals(List.of(4_001, 4_002), farm.map(fitted.get(fitted.size() - 1), List.of(1, 2)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(60)
    void shouldRefuseObjectGraphsNestedTooDeeplyWithoutAStackOverflowThenRunTheNextTasks(final PoolKind kind)
    {
        final Link deepest = chain(DEEPER_THAN_ANY_STACK);
        try (Pool pool = kind.start(root))
        {
            final Closure<Integer, Integer> doubling = defineDoubling(pool);
            final Closure<Object, Object> identity = pool.define("identity", (Object x) -> x);
            final Closure<Integer, Link> chaining = pool.define("chain", HostileInputTest::chain);
            final Closure<Integer, Integer> throwing = pool.define("throws-a-chain", (Integer n) ->
            {
                throw new ChainedFailure(chain(n));
            });

            assertMatches("closure 'captures-a-chain' cannot serialize a value of " +
                Pattern.quote(HostileInputTest.class.getName() + "$$Lambda") + ".*: " + Pattern.quote(TOO_DEEP),
                assertThrows(IllegalArgumentException.class,
                () -> pool.define("captures-a-chain", (Integer x) -> deepest.hashCode())).getMessage());
            assertEquals("argument for closure 'identity' cannot serialize a value of " + Link.class.getName() + ": " +
                TOO_DEEP, assertThrows(IllegalArgumentException.class, () -> submit(pool, identity, deepest))
                .getMessage());
            assertEquals("TASK_FAILED: argument cannot be decoded on spoke N: " + OVER_THE_DEPTH_LIMIT,
                failureOf(pool, identity, chain(DEEPER_THAN_THE_LIMIT)));
            assertEquals("TASK_FAILED: result cannot be encoded: cannot serialize a value of " + Link.class.getName() +
                ": " + TOO_DEEP, failureOf(pool, chaining, DEEPER_THAN_ANY_STACK));
            assertEquals("PROTOCOL_VIOLATION: result of task 3 cannot be decoded on the hub: " + OVER_THE_DEPTH_LIMIT,
                failureOf(pool, chaining, DEEPER_THAN_THE_LIMIT));
            assertEquals("TASK_FAILED: a failure carrying a chain of 100000 links",
                failureOf(pool, throwing, DEEPER_THAN_ANY_STACK));
            assertRunsTasks(pool, doubling);
        }
    }

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    @Timeout(60)
    void shouldRefuseMessagesOverTheInboxLimitThenRunTheNextTasks(final PoolKind kind)
    {
        try (Pool pool = kind.builder(root).inboxCapacity(1 << 16).build())
        {
            final Closure<Integer, Integer> doubling = defineDoubling(pool);
            final Closure<Integer, Integer> asking = pool.define("asking", (Integer n) ->
                Coordinator.<byte[]>ask(new byte[n]).length);
            final Closure<Integer, Integer> sending = pool.define("sending", (Integer n) ->
            {
                if (0 == Crew.rank())
                {
                    Crew.send(1, new byte[n]);
                    return 0;
                }
                return Crew.<byte[]>receive(0).length;
            });

            assertEquals("TASK_FAILED: REQUEST message of 10029 bytes exceeds the 8192-byte message limit of the " +
                "outbox of spoke N", failureOf(() -> ask(pool, asking, 10_000, 1)));
            assertEquals("HUB_CALLBACK_FAILED: REPLY message of 10025 bytes exceeds the 8192-byte message limit of " +
                "the inbox of spoke N", failureOf(() -> ask(pool, asking, 1, 10_000)));
            assertEquals("CREW_FAILED: rank 0 of crew run 3 failed, so the crew stopped: TASK_FAILED " +
                "org.spm4j.shm.mailbox.MessageTooLargeException: PEER message of 10025 bytes exceeds the 8192-byte " +
                "message limit of the inbox of spoke N", failureOf(() ->
                {
                    try (Crew crew = pool.crew().size(2).start())
                    {
                        crew.run(sending, 10_000);
                    }
                }));
            assertEquals(List.of(1_000), ask(pool, asking, 1_000, 1_000));
            assertRunsTasks(pool, doubling);
        }
    }

    @Test
    void shouldRefuseAnArrayLongerThanItsBytesCouldHoldBeforeAllocatingIt()
    {
        final byte[] bytes = serialize(new long[] { 1 });
        ByteBuffer.wrap(bytes).putInt(bytes.length - Long.BYTES - Integer.BYTES, Integer.MAX_VALUE - 8);

        assertEquals("serialized value of " + bytes.length + " bytes declares an array of 2147483639 elements, more " +
            "than it can hold; the bytes are corrupt", assertThrows(IllegalArgumentException.class,
            () -> new JavaSerialization(new AllowListFilter(List.of())).deserialize(bytes)).getMessage());
    }

    @Test
    void shouldNameTheClassItselfWhenARefusedClassHasNoPackage() throws ReflectiveOperationException
    {
        final Object value = Class.forName("UnpackagedValue").getConstructor().newInstance();
        final byte[] bytes = serialize(value);

        assertEquals("class UnpackagedValue is not in the deserialization allow-list; allow it with " +
            "PoolBuilder.allowClasses(\"UnpackagedValue\")", assertThrows(IllegalArgumentException.class,
            () -> new JavaSerialization(new AllowListFilter(List.of())).deserialize(bytes)).getMessage());
        assertEquals(value.getClass(),
            new JavaSerialization(new AllowListFilter(List.of("UnpackagedValue"))).deserialize(bytes).getClass());
    }

    @Test
    void shouldExplainEachFailureByItsOwnCauseNotAnEarlierRefusal()
    {
        final JavaSerialization serialization = new JavaSerialization(new AllowListFilter(List.of()));
        final byte[] gadget = serialize(new Gadget(1));
        final byte[] link = serialize(new Link(null));
        final byte[] name = Link.class.getName().getBytes(StandardCharsets.UTF_8);
        final int serialVersionUid = indexOf(link, name) + name.length;
        ByteBuffer.wrap(link).putLong(serialVersionUid, 2L);

        assertEquals(GADGET_REFUSED,
            assertThrows(IllegalArgumentException.class, () -> serialization.deserialize(gadget)).getMessage());
        assertEquals("cannot deserialize: java.io.InvalidClassException: " + Link.class.getName() + "; local class " +
            "incompatible: stream classdesc serialVersionUID = 2, local class serialVersionUID = 1",
            assertThrows(IllegalArgumentException.class, () -> serialization.deserialize(link)).getMessage());
    }

    private static PoolBuilder tracing(final PoolKind kind, final Path spokeTraces)
    {
        return kind.builder(spokeTraces.resolveSibling("pools"))
            .spokeJvmOption("-D" + Traces.DIRECTORY_PROPERTY + "=" + spokeTraces);
    }

    private static List<String> tracesSince(final List<String> before)
    {
        final List<String> now = Traces.inThisJvm();
        return now.subList(before.size(), now.size()).stream().sorted().toList();
    }

    private static List<Integer> ask(
        final Pool pool, final Closure<Integer, Integer> asking, final int request, final int reply)
    {
        try (Coordinator coordinator = pool.coordinator().onRequest(ignored -> new byte[reply]).start())
        {
            return coordinator.map(asking, List.of(request));
        }
    }

    private static void submit(final Pool pool, final Closure<Object, Object> closure, final Object argument)
    {
        try (TaskFarm farm = pool.taskFarm().start())
        {
            farm.submit(closure, argument);
        }
    }

    private static <A> String failureOf(final Pool pool, final Closure<A, ?> closure, final A argument)
    {
        return failureOf(() ->
        {
            try (TaskFarm farm = pool.taskFarm().start())
            {
                farm.map(closure, List.of(argument));
            }
        });
    }

    /**
     * @return the kind and message of the first failure, with every spoke as spoke N.
     */
    private static String failureOf(final Executable run)
    {
        final TaskFailure failure = assertThrows(ParallelException.class, run).failures().get(0);
        return failure.kind() + ": " + failure.remoteMessage().replaceAll("spoke \\d+", "spoke N");
    }

    private static Closure<Integer, Integer> defineDoubling(final Pool pool)
    {
        return pool.define("doubling", (Integer x) -> 2 * x);
    }

    private static void assertRunsTasks(final Pool pool, final Closure<Integer, Integer> doubling)
    {
        try (TaskFarm farm = pool.taskFarm().window(8).start())
        {
            assertEquals(Stream.iterate(0, x -> x + 2).limit(100).toList(), farm.map(doubling, Scenarios.range(100)));
        }
    }

    private static void assertMatches(final String regex, final String actual)
    {
        assertTrue(actual.matches(regex), actual);
    }

    private static byte[] serialize(final Object value)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(value);
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
        return bytes.toByteArray();
    }

    private static int indexOf(final byte[] bytes, final byte[] part)
    {
        for (int i = 0; i + part.length <= bytes.length; i++)
        {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length))
            {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static Link chain(final int length)
    {
        Link link = null;
        for (int i = 0; i < length; i++)
        {
            link = new Link(link);
        }
        return link;
    }

    /**
     * One link of a chain, which Java serialization writes and reads one nested level per link.
     */
    static final class Link implements Serializable
    {
        private static final long serialVersionUID = 1L;

        private final Link next;

        Link(final Link next)
        {
            this.next = next;
        }
    }

    /**
     * A failure whose serialized form is too deep to write, so its record carries the text form only.
     */
    static final class ChainedFailure extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        private final Link chain;

        ChainedFailure(final Link chain)
        {
            super("a failure carrying a chain of " + length(chain) + " links");
            this.chain = chain;
        }

        private static int length(final Link chain)
        {
            int length = 0;
            for (Link link = chain; null != link; link = link.next)
            {
                length++;
            }
            return length;
        }
    }
}

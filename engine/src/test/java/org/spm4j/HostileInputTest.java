package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spm4j.internal.AllowListFilter;
import org.spm4j.internal.JavaSerialization;

import untrusted.Gadget;
import untrusted.Traces;

/**
 * Hostile input: classes outside the deserialization allow-list. A serial and a local pool refuse them the same
 * way, with a message that names the class and how to allow it, without running any of its code; the pool then
 * runs the next tasks.
 */
class HostileInputTest
{
    private static final String GADGET_REFUSED = "class untrusted.Gadget is not in the deserialization allow-list; " +
        "allow it with PoolBuilder.allowClasses(\"untrusted.*\")";

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

}

package org.spm4j.internal.spoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spm4j.internal.spoke.SpokeJvmOptions.COMPILER_THREADS;
import static org.spm4j.internal.spoke.SpokeJvmOptions.G1_COLLECTOR;
import static org.spm4j.internal.spoke.SpokeJvmOptions.SERIAL_COLLECTOR;
import static org.spm4j.internal.spoke.SpokeJvmOptions.THREAD_STACK;
import static org.spm4j.internal.spoke.SpokeJvmOptions.TRIM_NATIVE_HEAP;
import static org.spm4j.internal.spoke.SpokeJvmOptions.UNLOCK_EXPERIMENTAL;
import static org.spm4j.internal.spoke.SpokeJvmOptions.YOUNG_GENERATION;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpokeJvmOptionsTest
{
    private static final SpokeJdk PRODUCT_TRIM = jdk("25.0.3", "Eclipse Adoptium");
    private static final SpokeJdk NO_TRIM = jdk("20.0.2", "Eclipse Adoptium");

    @TempDir
    private Path directory;

    @Test
    void shouldGiveEveryDefaultBeforeThePoolsOptions()
    {
        assertEquals(
            List.of(SERIAL_COLLECTOR, YOUNG_GENERATION, COMPILER_THREADS, THREAD_STACK, TRIM_NATIVE_HEAP, "-Dx=1"),
            SpokeJvmOptions.withDefaults(List.of("-Dx=1"), PRODUCT_TRIM));
    }

    @ParameterizedTest
    @CsvSource({"17, true", "17.0.15, true", "18.0.2, false", "21.0.5, false", "25.0.3, false"})
    void shouldChooseG1OnlyWhereTheSerialCollectorStartsSlower(final String version, final boolean g1)
    {
        final List<String> options = SpokeJvmOptions.withDefaults(List.of(), jdk(version, "Eclipse Adoptium"));

        assertEquals(g1 ? G1_COLLECTOR : SERIAL_COLLECTOR, options.get(0));
        assertEquals(1, options.stream().filter(option -> option.matches("-XX:[+-]Use\\w+GC")).count(),
            options::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-XX:+UseG1GC", "-XX:+UseParallelGC", "-XX:+UseZGC", "-XX:+UseShenandoahGC",
        "-XX:+UseEpsilonGC", "-XX:+UseSerialGC", "-XX:-UseSerialGC"})
    void shouldLeaveTheCollectorToAPoolThatChoosesOne(final String choice)
    {
        final List<String> options = SpokeJvmOptions.withDefaults(List.of(choice), PRODUCT_TRIM);

        assertEquals(1, options.stream().filter(option -> option.matches("-XX:[+-]Use\\w+GC")).count(),
            options::toString);
        assertEquals(choice, options.get(options.size() - 1));
        assertTrue(options.contains(YOUNG_GENERATION), options::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xmn64m", "-XX:NewSize=32m", "-XX:MaxNewSize=1g", "-XX:NewRatio=3", "-Xmx63m",
        "-Xms32m", "-XX:MaxHeapSize=40000000", "-XX:InitialHeapSize=8m"})
    void shouldLeaveTheYoungGenerationToAPoolThatSizesItOrAHeapTooSmallForIt(final String sizing)
    {
        final List<String> options = SpokeJvmOptions.withDefaults(List.of(sizing), PRODUCT_TRIM);

        assertFalse(options.contains(YOUNG_GENERATION), options::toString);
        assertTrue(options.contains(SERIAL_COLLECTOR), options::toString);
        assertEquals(sizing, options.get(options.size() - 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xmx64m", "-Xmx2g", "-Xms1G", "-XX:MaxHeapSize=99999999999999999999", "-Xss512k",
        "-XX:MaxMetaspaceSize=32m"})
    void shouldKeepTheYoungGenerationBesideAHeapLargeEnoughOrOtherSizes(final String option)
    {
        assertTrue(SpokeJvmOptions.withDefaults(List.of(option), PRODUCT_TRIM).contains(YOUNG_GENERATION));
    }

    @Test
    void shouldLeaveTheTrimToAPoolThatSetsIt()
    {
        final List<String> options =
            SpokeJvmOptions.withDefaults(List.of("-XX:TrimNativeHeapInterval=0"), jdk("17.0.11", "Red Hat, Inc."));

        assertFalse(options.contains(TRIM_NATIVE_HEAP), options::toString);
        assertFalse(options.contains(UNLOCK_EXPERIMENTAL), options::toString);
    }

    @Test
    void shouldNotTrimOnAJdkWithoutTheOption()
    {
        final List<String> options = SpokeJvmOptions.withDefaults(List.of(), NO_TRIM);

        assertEquals(List.of(SERIAL_COLLECTOR, YOUNG_GENERATION, COMPILER_THREADS, THREAD_STACK), options);
    }

    @Test
    void shouldUnlockTheTrimWhereItIsExperimental()
    {
        final List<String> options = SpokeJvmOptions.withDefaults(List.of(), jdk("21.0.2", "Amazon.com Inc."));

        assertEquals(List.of(UNLOCK_EXPERIMENTAL, TRIM_NATIVE_HEAP),
            options.subList(options.size() - 2, options.size()));
    }

    @Test
    void shouldSeeACollectorChosenInAnArgumentFile() throws IOException
    {
        final Path file =
            Files.writeString(directory.resolve("spoke.options"), "-Dx=1\n  -XX:+UseParallelGC -Xmn48m\n");

        final List<String> options = SpokeJvmOptions.withDefaults(List.of("@" + file), PRODUCT_TRIM);

        assertTrue(options.stream().noneMatch(option -> option.matches("-XX:[+-]Use\\w+GC")), options::toString);
        assertFalse(options.contains(YOUNG_GENERATION), options::toString);
        assertEquals("@" + file, options.get(options.size() - 1));
    }

    @Test
    void shouldChooseNoCollectorBesideAnArgumentFileThatCannotBeRead()
    {
        final List<String> options =
            SpokeJvmOptions.withDefaults(List.of("@" + directory.resolve("missing")), PRODUCT_TRIM);

        assertTrue(options.stream().noneMatch(option -> option.matches("-XX:[+-]Use\\w+GC")), options::toString);
        assertTrue(options.contains(YOUNG_GENERATION), options::toString);
    }

    @ParameterizedTest
    @CsvSource({"17.0.8, false, false", "17.0.10, false, false", "17.0.11, true, true", "17.0.15, true, true",
        "18.0.2, false, false", "19.0.2, false, false", "20.0.2, false, false", "21, false, false",
        "21.0.1, true, true", "21.0.5, true, true", "22, true, true", "22.0.2, true, true", "23, true, false",
        "25.0.3, true, false", "26-ea, true, false"})
    void shouldTrimOnlyOnJdksThatHaveTheOption(final String version, final boolean trims, final boolean unlock)
    {
        final SpokeJdk jdk = jdk(version, "Eclipse Adoptium");

        assertEquals(trims, jdk.trimsNativeHeap(), version);
        assertEquals(trims && unlock, jdk.trimsNativeHeap() && jdk.trimNeedsUnlock(), version);
    }

    @ParameterizedTest
    @CsvSource({"17.0.15, false", "21.0.5, false", "22.0.2, true", "25, true"})
    void shouldTrimOnOraclesOwnBuildsOnlyFromJdk22(final String version, final boolean trims)
    {
        assertEquals(trims, jdk(version, "Oracle Corporation").trimsNativeHeap());
    }

    @Test
    void shouldNotTrimWithoutHotSpotOrTheGnuCLibrary()
    {
        final Runtime.Version version = Runtime.Version.parse("25");

        assertFalse(new SpokeJdk(version, "IBM Corporation", false, true).trimsNativeHeap());
        assertFalse(new SpokeJdk(Runtime.Version.parse("17"), "IBM Corporation", false, true).startsFasterWithG1());
        assertFalse(new SpokeJdk(version, "Eclipse Adoptium", true, false).trimsNativeHeap());
    }

    @ParameterizedTest
    @CsvSource({"64m, 67108864", "64M, 67108864", "1g, 1073741824", "512k, 524288", "1t, 1099511627776",
        "123, 123", "99999999999999t, 9223372036854775807", "'', -1", "1.5g, -1", "m, -1", "-1m, -1"})
    void shouldReadJvmSizes(final String size, final long bytes)
    {
        assertEquals(bytes, SpokeJvmOptions.parseSize(size));
    }

    private static SpokeJdk jdk(final String version, final String vendor)
    {
        return new SpokeJdk(Runtime.Version.parse(version), vendor, true, true);
    }
}

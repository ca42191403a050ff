package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.internal.local.LocalPool;
import org.spm4j.internal.spoke.SpokeCommand;
import org.spm4j.internal.spoke.SpokeJdk;
import org.spm4j.internal.spoke.SpokeJvmOptions;
import org.spm4j.shm.JvmFlags;

/**
 * Spokes run with the defaults that keep them small, on the JDK of this build, and a pool's own options win
 * over them: what the spoke JVM itself reports, not only its command line.
 */
class SpokeJvmDefaultsTest
{
    private static final String FLAGS =
        "MaxNewSize UseSerialGC UseG1GC UseParallelGC CICompilerCount TrimNativeHeapInterval";
    private static final long MB = 1 << 20;

    @TempDir
    private Path root;

    @Test
    @Timeout(60)
    void shouldStartSpokesWithTheDefaults()
    {
        try (Pool pool = Pool.builder().spokes(1).root(root).build())
        {
            final String flags = spokeFlags(pool);

            assertTrue(flags.contains("MaxNewSize=" + 16 * MB + ";"), flags);
            assertTrue(flags.contains((SpokeJdk.current().startsFasterWithG1() ? "UseG1GC" : "UseSerialGC") + "=true;"),
                flags);
            assertTrue(flags.contains("CICompilerCount=2;"), flags);
            assertTrue(SpokeJdk.current().trimsNativeHeap() ? flags.contains("TrimNativeHeapInterval=2000;") :
                flags.matches(".*TrimNativeHeapInterval=(0|absent);"), flags);
            assertTrue(SpokeCommand.load(((LocalPool)pool).directory().resolve(SpokeCommand.FILE_NAME)).jvmOptions()
                .contains(SpokeJvmOptions.YOUNG_GENERATION),
                "spokes started by 'spm spokes' get them too");
        }
    }

    @Test
    @Timeout(60)
    void shouldLetThePoolsOwnOptionsWinOverTheDefaults()
    {
        final boolean trims = SpokeJdk.current().trimsNativeHeap();
        final PoolBuilder builder =
            Pool.builder().spokes(1).root(root).spokeJvmOption("-Xmn24m").spokeJvmOption("-XX:+UseParallelGC");
        if (trims)
        {
            builder.spokeJvmOption("-XX:TrimNativeHeapInterval=0");
        }
        try (Pool pool = builder.build())
        {
            final String flags = spokeFlags(pool);

            assertTrue(flags.contains("MaxNewSize=" + 24 * MB + ";"), flags);
            assertTrue(flags.contains("UseParallelGC=true;"), flags);
            assertTrue(flags.contains("UseSerialGC=false;UseG1GC=false;"), flags);
            assertTrue(!trims || flags.contains("TrimNativeHeapInterval=0;"), flags);
        }
    }

    /**
     * A JVM that does not know an option, or is handed two collectors, refuses to start: every spoke would fail.
     */
    @Test
    @Timeout(30)
    void shouldPassOnlyOptionsThisJdkTakesWithoutAWord() throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.required());
        command.addAll(SpokeJvmOptions.withDefaults(List.of(), SpokeJdk.current()));
        command.add("-version");
        final Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(java.waitFor(20, TimeUnit.SECONDS), output);
        assertEquals(0, java.exitValue(), output);
        assertFalse(output.toLowerCase(Locale.ROOT).matches("(?s).*(warning|error|unrecognized).*"), output);
    }

    private static String spokeFlags(final Pool pool)
    {
        final Closure<Integer, String> flags = pool.define("flags", (Integer ignored) -> vmFlags());
        try (TaskFarm farm = pool.taskFarm().start())
        {
            return farm.map(flags, List.of(0)).get(0);
        }
    }

    private static String vmFlags()
    {
        final HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return Stream.of(FLAGS.split(" ")).map(name -> name + "=" + vmFlag(vm, name))
            .collect(Collectors.joining(";", "", ";"));
    }

    private static String vmFlag(final HotSpotDiagnosticMXBean vm, final String name)
    {
        try
        {
            return vm.getVMOption(name).getValue();
        }
        catch (final IllegalArgumentException notInThisJdk)
        {
            return "absent";
        }
    }
}

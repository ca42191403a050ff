package org.spm4j.bench.peer;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.spm4j.bench.ChildJvm;

/**
 * A bare JVM start: one operation launches {@code java -cp <this classpath> Hello} with no options and
 * waits for it to exit. The floor under any pool start-up, which launches JVMs too.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 20)
@Fork(1)
@State(Scope.Benchmark)
public class JvmStartBenchmark
{
    private final List<String> command =
        List.of(ChildJvm.java(), "-cp", System.getProperty("java.class.path"), Hello.class.getName());

    @Benchmark
    public int helloJvm() throws IOException, InterruptedException
    {
        final int status = new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start()
            .waitFor();
        if (0 != status)
        {
            throw new IllegalStateException("hello JVM exited with " + status);
        }
        return status;
    }
}

package org.spm4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundsTest
{
    /** Trimmed from a real JMH result: one SampleTime entry in microseconds, one Throughput entry. */
    private static final String JMH = "[\n" +
        " {\"benchmark\": \"org.spm4j.bench.engine.TaskRoundTripBenchmark.roundTrip\", \"mode\": \"sample\",\n" +
        "  \"params\": {\"idle\": \"BUSY_SPIN\", \"await\": \"join\"},\n" +
        "  \"primaryMetric\": {\"score\": 6.5, \"scoreError\": \"NaN\", \"scoreUnit\": \"us/op\",\n" +
        "   \"scorePercentiles\": {\"0.0\": 4.0, \"50.0\": 5.25, \"99.0\": 20.0, \"100.0\": 900.0}}},\n" +
        " {\"benchmark\": \"org.spm4j.bench.engine.SubmitThroughputBenchmark.submitEach\", \"mode\": \"thrpt\",\n" +
        "  \"primaryMetric\": {\"score\": 72.5, \"scoreUnit\": \"ops/ms\",\n" +
        "   \"scorePercentiles\": {\"50.0\": 70.0, \"99.0\": 80.0}}}\n" +
        "]\n";

    @TempDir
    Path run;

    @Test
    void shouldNameJmhFiguresByClassMethodAndSortedParamsInNanosAndPerSecond() throws IOException
    {
        final Path file = run.resolve("round-1-latency.json");
        Files.writeString(file, JMH);
        final Map<String, Double> round = new TreeMap<>();

        Rounds.read(file, round);

        assertEquals(Map.of(
            "TaskRoundTripBenchmark.roundTrip[await=join,idle=BUSY_SPIN] mean", 6500.0,
            "TaskRoundTripBenchmark.roundTrip[await=join,idle=BUSY_SPIN] p50", 5250.0,
            "TaskRoundTripBenchmark.roundTrip[await=join,idle=BUSY_SPIN] p99", 20000.0,
            "SubmitThroughputBenchmark.submitEach rate", 72500.0), round);
    }

    @Test
    void shouldGroupFilesIntoRoundsByNumber() throws IOException
    {
        Files.writeString(run.resolve("round-2-python.json"), "{\"python\": \"3.11\", \"metrics\": {\"a\": 2}}");
        Files.writeString(run.resolve("round-1-python.json"), "{\"metrics\": {\"a\": 1}}");
        Files.writeString(run.resolve("round-1-memory.json"), "{\"metrics\": {\"b\": 10}}");
        Files.writeString(run.resolve("round-1-latency.log"), "not a result");
        Files.writeString(run.resolve("table.md"), "| not a result |");

        final Rounds rounds = Rounds.load(run);

        assertEquals(2, rounds.count());
        assertEquals(Map.of("a", 1.0, "b", 10.0), rounds.round(0));
        assertEquals(Map.of("a", 2.0), rounds.round(1));
    }

    @Test
    void shouldNameTheFileThatIsNotAResult() throws IOException
    {
        final Path file = run.resolve("round-1-python.json");
        Files.writeString(file, "{\"python\": \"3.11\"}");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Rounds.load(run));

        assertEquals(file + " is neither a JMH result nor {\"metrics\": {...}}", ex.getMessage());
    }
}

package org.spm4j.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.spm4j.shm.journal.ErrorRecord;

/**
 * How {@code spm errors} shows one journal record: a readable block with the remote stack trace, or
 * one JSON object.
 */
final class RecordFormat
{
    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xx").withZone(ZoneId.systemDefault());
    private static final String INDENT = "    ";

    private RecordFormat()
    {
    }

    static String time(final long epochMs)
    {
        return TIME.format(Instant.ofEpochMilli(epochMs));
    }

    static String exception(final ErrorRecord record)
    {
        return record.exceptionClass() + (null == record.message() ? "" : ": " + record.message());
    }

    static String text(final ErrorRecord record, final long index)
    {
        final StringBuilder text = new StringBuilder()
            .append("journal index ").append(index).append(": ").append(record.kind())
            .append(" at ").append(time(record.timeEpochMs())).append(System.lineSeparator())
            .append(INDENT).append("pool ").append(record.poolId())
            .append(", run ").append(record.runId())
            .append(", task ").append(record.taskId())
            .append(", attempt ").append(record.attempt())
            .append(", closure '").append(record.closureName()).append("'")
            .append(", ").append(record.spokeId() < 0 ? "the hub" : "spoke " + record.spokeId())
            .append(" (pid ").append(record.pid()).append(")").append(System.lineSeparator());
        final String trace = record.stackTrace().isEmpty() ? exception(record) : record.stackTrace().stripTrailing();
        trace.lines().forEach(line -> text.append(INDENT).append(line).append(System.lineSeparator()));
        return text.toString();
    }

    static String json(final ErrorRecord record, final long index)
    {
        return new Json()
            .field("index", index)
            .field("kind", record.kind().name())
            .field("timeEpochMs", record.timeEpochMs())
            .field("time", Instant.ofEpochMilli(record.timeEpochMs()).toString())
            .field("pool", record.poolId())
            .field("run", record.runId())
            .field("task", record.taskId())
            .field("attempt", record.attempt())
            .field("closure", record.closureName())
            .field("spoke", record.spokeId())
            .field("pid", record.pid())
            .field("exceptionClass", record.exceptionClass())
            .field("message", record.message())
            .field("stackTrace", record.stackTrace())
            .field("exceptionBytes", record.exceptionBytes().length)
            .field("argumentBytes", record.argumentBytes().length)
            .toString();
    }
}

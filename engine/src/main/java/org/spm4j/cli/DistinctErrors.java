package org.spm4j.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.spm4j.shm.journal.ErrorRecord;

/**
 * Journal records grouped by exception class and message: how often each error happened, first and
 * last, of which kinds and in which closures. Not thread-safe.
 */
final class DistinctErrors
{
    private final Map<Key, Group> groups = new LinkedHashMap<>();

    void add(final ErrorRecord record)
    {
        groups.computeIfAbsent(new Key(record.exceptionClass(), record.message()), Group::new).add(record);
    }

    int size()
    {
        return groups.size();
    }

    void printText(final PrintStream out)
    {
        out.printf("%7s  %-29s  %-29s  %s%n", "count", "first", "last", "error (kinds; closures)");
        for (final Group group : sorted())
        {
            out.printf("%7d  %-29s  %-29s  %s (%s; %s)%n", group.count, RecordFormat.time(group.firstEpochMs),
                RecordFormat.time(group.lastEpochMs), group.describe(), String.join(", ", group.kinds),
                String.join(", ", group.closures));
        }
    }

    void printJson(final PrintStream out)
    {
        for (final Group group : sorted())
        {
            out.println(new Json()
                .field("exceptionClass", group.key.exceptionClass)
                .field("message", group.key.message)
                .field("count", group.count)
                .field("firstEpochMs", group.firstEpochMs)
                .field("first", Instant.ofEpochMilli(group.firstEpochMs).toString())
                .field("lastEpochMs", group.lastEpochMs)
                .field("last", Instant.ofEpochMilli(group.lastEpochMs).toString())
                .field("kinds", group.kinds)
                .field("closures", group.closures));
        }
    }

    private List<Group> sorted()
    {
        final List<Group> sorted = new ArrayList<>(groups.values());
        sorted.sort(Comparator.comparingLong((Group group) -> -group.count)
            .thenComparingLong(group -> group.firstEpochMs));
        return sorted;
    }

    private record Key(String exceptionClass, String message)
    {
    }

    private static final class Group
    {
        private final Key key;
        private final TreeSet<String> kinds = new TreeSet<>();
        private final TreeSet<String> closures = new TreeSet<>();
        private long count;
        private long firstEpochMs = Long.MAX_VALUE;
        private long lastEpochMs = Long.MIN_VALUE;

        Group(final Key key)
        {
            this.key = key;
        }

        void add(final ErrorRecord record)
        {
            count++;
            firstEpochMs = Math.min(firstEpochMs, record.timeEpochMs());
            lastEpochMs = Math.max(lastEpochMs, record.timeEpochMs());
            kinds.add(record.kind().name());
            closures.add(record.closureName());
        }

        String describe()
        {
            final String message = null == key.message ? "" : ": " + key.message.replaceAll("\\s*\\R\\s*", " ");
            return key.exceptionClass + message;
        }
    }
}

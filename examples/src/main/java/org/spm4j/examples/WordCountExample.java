package org.spm4j.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.spm4j.Closure;
import org.spm4j.Pool;
import org.spm4j.TaskFarm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Word count as a task farm {@code map} and a reduce on the hub: files are cut into chunks of bytes, each
 * task counts the words of one chunk, reading the file itself, and the hub adds the counts up. A word is a
 * run of bytes between ASCII white space, trimmed of what is neither letter nor digit at both ends, in lower
 * case; a word across a chunk's end belongs to the chunk it starts in.
 */
@Command(
    name = "wordcount",
    header = "Word count: a map over chunks of files, a reduce on the hub.",
    description = "Counts the words of text files with a task farm: the files are cut into chunks, a task counts " +
        "the words of a chunk, the hub adds the counts up. Without DIR, counts a generated corpus. Runs serially, " +
        "then on spokes, and checks that both counts are identical.")
public final class WordCountExample implements Callable<Integer>
{
    @Mixin
    private PoolOptions pools;

    @Parameters(arity = "0..1", paramLabel = "DIR",
        description = "A directory of UTF-8 text files, read with its subdirectories (default: a generated corpus).")
    private Path directory;

    @Option(names = "--megabytes", paramLabel = "MB",
        description = "Size of the generated corpus (default: ${DEFAULT-VALUE}).")
    private int megabytes = 64;

    @Option(names = "--chunk-kib", paramLabel = "KIB",
        description = "Bytes per task, in KiB, at most 1024: the counts of a chunk travel in one message " +
            "(default: ${DEFAULT-VALUE}).")
    private int chunkKib = 1024;

    @Option(names = "--top", paramLabel = "COUNT",
        description = "Most frequent words to show (default: ${DEFAULT-VALUE}).")
    private int top = 10;

    @Spec
    private CommandSpec spec;

    /**
     * @param args the options; {@code --help} lists them.
     */
    public static void main(final String[] args)
    {
        System.exit(Examples.execute(new WordCountExample(), args));
    }

    /**
     * Counts the words serially, then on spokes.
     *
     * @return 0 when both counts are identical.
     * @throws IOException if the files cannot be listed or the corpus written.
     */
    @Override
    public Integer call() throws IOException
    {
        if (megabytes < 1 || chunkKib < 1 || chunkKib > 1024)
        {
            throw new IllegalArgumentException("--megabytes must be at least 1 and --chunk-kib 1 to 1024");
        }
        if (null != directory)
        {
            Inputs.readableDirectory(directory, "DIR");
        }
        final PrintWriter out = spec.commandLine().getOut();
        final Path corpus = null != directory ? directory : Files.createTempDirectory("spm4j-wordcount-");
        try
        {
            if (null == directory)
            {
                Corpus.generate(corpus, 8, megabytes * 1_000_000L / 8, 42);
            }
            final List<Path> files = Corpus.files(corpus);
            final List<Chunk> chunks = chunks(files, chunkKib * 1024L);
            out.printf("wordcount: %d files, %.1f MB, in %d chunks of up to %d KiB%s%n", files.size(),
                chunks.stream().mapToLong(chunk -> chunk.end() - chunk.start()).sum() / 1e6, chunks.size(), chunkKib,
                null == directory ? " (a generated corpus, removed afterwards)" : "");
            final SerialVsLocal<Map<String, Long>> counts = SerialVsLocal.run(pools,
                builder -> builder.inboxCapacity(16 << 20), pool -> count(pool, chunks), out);
            final boolean identical = counts.serial().equals(counts.local());
            out.printf("%,d words, %,d distinct; the serial and parallel counts are %s%n",
                counts.local().values().stream().mapToLong(Long::longValue).sum(), counts.local().size(),
                identical ? "identical" : "DIFFERENT");
            counts.local().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(top)
                .forEach(entry -> out.printf("%12s %,12d%n", entry.getKey(), entry.getValue()));
            return identical ? Examples.OK : Examples.FAILED;
        }
        finally
        {
            if (null == directory)
            {
                Examples.deleteRecursively(corpus);
            }
        }
    }

    /**
     * The parallel part: a task per chunk (map), the counts added up on the hub (reduce).
     *
     * @param pool   any pool; results of a chunk may be large, so give it room: a local pool's inbox capacity
     *               bounds one message to an eighth of it.
     * @param chunks the chunks.
     * @return how often each word occurs.
     */
    static Map<String, Long> count(final Pool pool, final List<Chunk> chunks)
    {
        final Closure<Chunk, HashMap<String, Long>> count = pool.define("count-words", WordCountExample::countWords);
        final Map<String, Long> total = new HashMap<>();
        try (TaskFarm farm = pool.taskFarm().start())
        {
            for (final Map<String, Long> counts : farm.map(count, chunks))
            {
                counts.forEach((word, times) -> total.merge(word, times, Long::sum));
            }
        }
        return total;
    }

    /**
     * A range of bytes of a file: {@code start} inclusive, {@code end} exclusive.
     *
     * @param file  the file.
     * @param start first byte.
     * @param end   byte after the last.
     */
    record Chunk(String file, long start, long end) implements Serializable
    {
    }

    /**
     * @param files     the files.
     * @param chunkSize bytes per chunk.
     * @return the files cut into chunks, none empty.
     * @throws IOException if a file's size cannot be read.
     */
    static List<Chunk> chunks(final List<Path> files, final long chunkSize) throws IOException
    {
        final List<Chunk> chunks = new ArrayList<>();
        for (final Path file : files)
        {
            final long size = Files.size(file);
            for (long start = 0; start < size; start += chunkSize)
            {
                chunks.add(new Chunk(file.toAbsolutePath().toString(), start, Math.min(size, start + chunkSize)));
            }
        }
        return chunks;
    }

    /**
     * The task: counts the words that start in the chunk; the first bytes are skipped when they end a word
     * that started before the chunk, and the last word is read to its end after the chunk.
     */
    private static HashMap<String, Long> countWords(final Chunk chunk) throws IOException
    {
        final HashMap<String, Long> counts = new HashMap<>();
        try (FileChannel channel = FileChannel.open(Path.of(chunk.file())))
        {
            final Bytes bytes = new Bytes(channel, Math.max(0, chunk.start() - 1));
            boolean skipping = chunk.start() > 0 && !isSpace(bytes.next());
            byte[] word = new byte[64];
            int length = 0;
            for (long position = chunk.start(); ; position++)
            {
                final int b = bytes.next();
                if (b < 0 || isSpace(b))
                {
                    if (!skipping && length > 0)
                    {
                        final String normalized = normalize(new String(word, 0, length, StandardCharsets.UTF_8));
                        if (!normalized.isEmpty())
                        {
                            counts.merge(normalized, 1L, Long::sum);
                        }
                    }
                    skipping = false;
                    length = 0;
                    if (b < 0 || position + 1 >= chunk.end())
                    {
                        return counts;
                    }
                }
                else if (!skipping)
                {
                    if (length == word.length)
                    {
                        word = Arrays.copyOf(word, 2 * length);
                    }
                    word[length++] = (byte)b;
                }
            }
        }
    }

    private static boolean isSpace(final int b)
    {
        return ' ' == b || '\n' == b || '\t' == b || '\r' == b || '\f' == b || 0x0B == b;
    }

    private static String normalize(final String token)
    {
        int start = 0;
        int end = token.length();
        while (start < end && !Character.isLetterOrDigit(token.codePointAt(start)))
        {
            start += Character.charCount(token.codePointAt(start));
        }
        while (end > start && !Character.isLetterOrDigit(token.codePointBefore(end)))
        {
            end -= Character.charCount(token.codePointBefore(end));
        }
        return token.substring(start, end).toLowerCase(Locale.ROOT);
    }

    /**
     * The bytes of a file from a position on, read a block at a time.
     */
    private static final class Bytes
    {
        private final FileChannel channel;
        private final ByteBuffer block = ByteBuffer.allocate(1 << 16).flip();
        private long position;

        Bytes(final FileChannel channel, final long position)
        {
            this.channel = channel;
            this.position = position;
        }

        int next() throws IOException
        {
            if (!block.hasRemaining())
            {
                block.clear();
                final int read = channel.read(block, position);
                block.flip();
                if (read <= 0)
                {
                    return -1;
                }
                position += read;
            }
            return block.get() & 0xFF;
        }
    }
}

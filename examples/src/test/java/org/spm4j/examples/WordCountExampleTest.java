package org.spm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spm4j.Pool;

class WordCountExampleTest
{
    private static final long CHUNK_SIZE = 4096;

    @TempDir
    private Path root;

    private Path corpus;

    @BeforeEach
    void writeACorpusWithWordsAcrossChunkEnds() throws IOException
    {
        corpus = Files.createDirectories(root.resolve("corpus"));
        Corpus.generate(corpus, 3, 50_000, 1);
        final Path nested = Files.createDirectories(corpus.resolve("nested"));
        Files.writeString(nested.resolve("edges.txt"), "Hello, hello!\tHELLO...\r\n  naïve Café -- café's (x)\n\n" +
            "a".repeat(3 * (int)CHUNK_SIZE + 5) + " tail\u000Bend\fof\u2003file", StandardCharsets.UTF_8);
        Files.createFile(nested.resolve("empty.txt"));
    }

    @Test
    @Timeout(60)
    void shouldCountExactlyAsAOneThreadReferenceSeriallyAndOnSpokes() throws IOException
    {
        final List<Path> files = Corpus.files(corpus);
        assertEquals(5, files.size());
        final Map<String, Long> expected = referenceCounts(files);
        final List<WordCountExample.Chunk> chunks = WordCountExample.chunks(files, CHUNK_SIZE);
        assertTrue(chunks.size() > 40, "words cross many chunk ends: " + chunks.size());
        for (final PoolKind kind : PoolKind.values())
        {
            try (Pool pool = kind.builder(root).inboxCapacity(4 << 20).build())
            {
                assertEquals(expected, WordCountExample.count(pool, chunks), kind.name());
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldSayTheCountsAreIdenticalAndShowTheTopWordsFromTheCommandLine()
    {
        final CommandRun run = CommandRun.of(new WordCountExample(), corpus.toString(), "--chunk-kib", "8",
            "--top", "3", "-n", "2", "--root", root.toString());

        assertEquals(Examples.OK, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("wordcount: 5 files, 0.2 MB, in "), run.toString());
        assertTrue(run.out().contains("distinct; the serial and parallel counts are identical"), run.toString());
        assertEquals(3, run.out().lines().filter(line -> line.matches(" +\\p{L}+ +[0-9,]+")).count(), run.toString());
    }

    /** Each file whole, split at ASCII white space, each word trimmed by a regular expression. */
    private static Map<String, Long> referenceCounts(final List<Path> files) throws IOException
    {
        final Map<String, Long> counts = new HashMap<>();
        for (final Path file : files)
        {
            for (final String token : Files.readString(file, StandardCharsets.UTF_8).split("[ \\t\\n\\r\\f\\x0B]+"))
            {
                final String word =
                    token.replaceAll("^[^\\p{L}\\p{Nd}]+|[^\\p{L}\\p{Nd}]+$", "").toLowerCase(Locale.ROOT);
                if (!word.isEmpty())
                {
                    counts.merge(word, 1L, Long::sum);
                }
            }
        }
        return counts;
    }
}

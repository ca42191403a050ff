package org.spm4j.examples;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Text files to work on: made up from a seed (sentences of invented words, some with accents, the short
 * ones far more frequent than the long ones, about as in Zipf's law, in lines and paragraphs), or found in a
 * directory.
 */
final class Corpus
{
    private static final String[] SYLLABLES =
    {
        "ka", "lo", "mi", "ne", "ru", "ta", "shi", "vo", "zen", "el", "qua", "bri", "dor", "fé", "ün", "sø",
    };
    private static final int VOCABULARY = 4096;
    private static final int LINE_LENGTH = 72;

    private Corpus()
    {
    }

    /**
     * @param directory    where the files go; it must exist.
     * @param files        how many files.
     * @param bytesPerFile about how many bytes each.
     * @param seed         the same seed makes the same files.
     * @return the files, {@code corpus-0.txt} and on.
     * @throws IOException if a file cannot be written.
     */
    static List<Path> generate(final Path directory, final int files, final long bytesPerFile, final long seed)
        throws IOException
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<Path> paths = new ArrayList<>();
        for (int i = 0; i < files; i++)
        {
            final Path file = directory.resolve("corpus-" + i + ".txt");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file)))
            {
                long written = 0;
                for (int line = 1; written < bytesPerFile; line++)
                {
                    final String text = line(random) + (0 == line % 8 ? "\n\n" : "\n");
                    final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                    out.write(bytes);
                    written += bytes.length;
                }
            }
            paths.add(file);
        }
        return paths;
    }

    /**
     * @param directory a directory.
     * @return its regular files and those of its subdirectories, in name order.
     * @throws IOException if it cannot be read.
     */
    static List<Path> files(final Path directory) throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            return paths.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String line(final SplittableRandom random)
    {
        final StringBuilder line = new StringBuilder();
        while (line.length() < LINE_LENGTH)
        {
            final int wordsInSentence = random.nextInt(4, 16);
            for (int i = 0; i < wordsInSentence; i++)
            {
                final String word = word((int)StrictMath.pow(VOCABULARY, random.nextDouble()));
                line.append(0 == i ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word)
                    .append(i + 1 == wordsInSentence ? ". " : 0 == random.nextInt(8) ? ", " : " ");
            }
        }
        return line.toString().strip();
    }

    /** Word {@code rank} of the vocabulary, from 1: a syllable per hexadecimal digit of the rank. */
    private static String word(final int rank)
    {
        final StringBuilder word = new StringBuilder();
        for (int digits = rank; digits > 0; digits >>>= 4)
        {
            word.append(SYLLABLES[digits & 0xF]);
        }
        return word.toString();
    }
}

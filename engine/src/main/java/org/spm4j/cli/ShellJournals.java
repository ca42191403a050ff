package org.spm4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.spm4j.internal.journal.Journals;

/**
 * The error journals {@code spm shell} makes for its runs when none is named, {@code <date>-<time>-<pid>} in
 * {@code spm4j-shell-<user>} in the temporary directory. A run removes its journal when nothing failed; a run
 * killed before its end cannot, so a journal whose run's process is gone and that holds no record (no queue file,
 * only the queue's metadata) is abandoned, and the next run or {@code spm clean} removes it.
 */
final class ShellJournals
{
    private static final Pattern RUN = Pattern.compile("\\d{8}-\\d{6}-(\\d+)");

    private ShellJournals()
    {
    }

    /**
     * @return the journal directory of a new run of this process, not created yet.
     */
    static Path newRun()
    {
        final String run = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" +
            ProcessHandle.current().pid();
        return Directories.userTempDirectory("shell").resolve(run);
    }

    /**
     * @return the journals of runs that were killed before their end and recorded no failure.
     */
    static List<Path> abandoned()
    {
        try (Stream<Path> runs = Files.list(Directories.userTempDirectory("shell")))
        {
            return runs.filter(ShellJournals::isAbandoned).toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list the journals of spm shell runs", ex);
        }
    }

    private static boolean isAbandoned(final Path journal)
    {
        final Matcher run = RUN.matcher(journal.getFileName().toString());
        return run.matches() && ProcessHandle.of(Long.parseLong(run.group(1))).isEmpty() &&
            !Journals.holdsQueueFiles(journal);
    }
}

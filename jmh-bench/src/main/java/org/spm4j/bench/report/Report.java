package org.spm4j.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Prints the comparison table of one run of the {@code bench} runner: the run's {@code machine.txt}, the
 * table of {@link Figures} over the run's rounds, then every {@code *.note} of the run (what was skipped
 * and why). Argument: the run's directory.
 */
public final class Report
{
    private Report()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        if (1 != args.length)
        {
            System.err.println("usage: Report <run directory>");
            System.exit(2);
        }
        System.out.print(render(Path.of(args[0])));
    }

    /**
     * @param run a run's directory.
     * @return the report in Markdown.
     * @throws IOException if the directory cannot be read.
     */
    public static String render(final Path run) throws IOException
    {
        final Rounds rounds = Rounds.load(run);
        final StringBuilder out = new StringBuilder();
        final Path machine = run.resolve("machine.txt");
        if (Files.exists(machine))
        {
            out.append(Files.readString(machine).strip()).append("\n\n");
        }
        out.append(ComparisonTable.markdown(Figures.rows(), rounds));
        out.append('\n').append(rounds.count()).append(1 == rounds.count() ? " round" : " rounds")
            .append("; figures are medians over rounds, ratios the median of each round's ratio.\n");
        try (Stream<Path> files = Files.list(run))
        {
            for (final Path note : (Iterable<Path>)files.filter(file -> file.toString().endsWith(".note"))
                .sorted()::iterator)
            {
                out.append("- ").append(Files.readString(note).strip()).append('\n');
            }
        }
        return out.toString();
    }
}

package org.spm4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine's internal packages are layers: each imports only from the packages its rule names, none imports the
 * command line, and each says what it is for and which threads touch it in a package-info. Checked on the main
 * sources' import lines and the fully qualified names in their code (comments and string literals aside), so a
 * breach is named with its file, line, reference and rule.
 */
class InternalLayeringTest
{
    private static final Path SOURCES = Path.of(System.getProperty("basedir", "."), "src", "main", "java");
    private static final Path INTERNAL = SOURCES.resolve(Path.of("org", "spm4j", "internal"));
    /** "internal" stands for org.spm4j.internal itself. */
    private static final String ROOT = "internal";

    /** Which internal packages each internal package may import, besides its own. */
    private static final Map<String, Set<String>> MAY_IMPORT = Map.ofEntries(
        Map.entry("codec", Set.of()),
        Map.entry("shared", Set.of()),
        Map.entry("closure", Set.of("codec")),
        Map.entry("journal", Set.of("codec")),
        Map.entry("task", Set.of("codec", "closure", "journal")),
        Map.entry("farm", Set.of("codec", "closure", "journal", "task")),
        Map.entry("shell", Set.of("codec", "task", "farm")),
        Map.entry(ROOT, Set.of("codec", "closure", "journal", "task", "farm", "shell", "shared")),
        Map.entry("spoke", Set.of("codec", "closure", "journal", "task", "shared")),
        Map.entry("local", Set.of("codec", "closure", "journal", "task", "farm", "shell", ROOT, "spoke")),
        Map.entry("serial", Set.of("codec", "closure", "journal", "task", "farm", "shell", ROOT)));

    private static final Pattern INTERNAL_REFERENCE =
        Pattern.compile("\\borg\\.spm4j\\.internal((?:\\.[a-z_][a-z0-9_]*)*)\\.([A-Z]\\w*|\\*)");
    private static final Pattern CLI_REFERENCE = Pattern.compile("\\borg\\.spm4j\\.cli\\b[\\w.*]*");

    @Test
    void shouldImportOnlyFromTheLayersBelow()
    {
        final List<String> breaches = new ArrayList<>();
        for (final Path file : internalSources())
        {
            breaches.addAll(breaches(INTERNAL.relativize(file), read(file)));
        }
        assertTrue(breaches.isEmpty(), breaches.size() + (1 == breaches.size() ? " reference breaks" :
            " references break") + " the layering of org.spm4j.internal (see its package-info):\n  " +
            String.join("\n  ", breaches));
    }

    @Test
    void shouldHaveARuleForEveryInternalPackageAndAPackageInfoInEach()
    {
        final Set<Path> packages = new TreeSet<>();
        final Set<Path> packageInfos = new TreeSet<>();
        final Set<String> layers = new TreeSet<>();
        for (final Path file : internalSources())
        {
            final Path relative = INTERNAL.relativize(file);
            final Path directory = INTERNAL.relativize(file.getParent());
            packages.add(directory);
            if ("package-info.java".equals(file.getFileName().toString()))
            {
                packageInfos.add(directory);
            }
            layers.add(layerOf(relative));
        }
        packages.removeAll(packageInfos);
        final List<String> missing = new ArrayList<>();
        packages.forEach(directory -> missing.add(packageName(directory) + " has no package-info.java stating its " +
            "responsibility and its thread rule"));
        assertTrue(missing.isEmpty(), String.join("\n", missing));
        assertEquals(new TreeSet<>(MAY_IMPORT.keySet()), layers,
            "the internal packages and those InternalLayeringTest.MAY_IMPORT has a rule for");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "an import           | import org.spm4j.internal.farm.FarmCore;          | org.spm4j.internal.farm.FarmCore",
        "a static import     | import static org.spm4j.internal.farm.A.b;        | org.spm4j.internal.farm.A",
        "a wildcard import   | import org.spm4j.internal.local.*;                | org.spm4j.internal.local.*",
        "the root package    | import org.spm4j.internal.PoolConfig;             | org.spm4j.internal.PoolConfig",
        "a subpackage        | import org.spm4j.internal.task.sub.Y;             | org.spm4j.internal.task.sub.Y",
        "a qualified name    | class X { org.spm4j.internal.task.Replay r; }     | org.spm4j.internal.task.Replay",
        "the command line    | import org.spm4j.cli.Spm;                         | org.spm4j.cli.Spm",
    })
    void shouldNameAForbiddenReferenceWithItsFileLineAndRule(
        final String what, final String line, final String reference)
    {
        final String rule = reference.startsWith("org.spm4j.cli") ? "no internal package may import the command line" :
            "codec may import no internal package";

        assertEquals(List.of("codec/X.java:3 imports " + reference + ": " + rule), breachesOfCodec(line), what);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "its own package     | import org.spm4j.internal.codec.Codecs;",
        "a javadoc link      | /** {@link org.spm4j.internal.farm.FarmCore} */",
        "a line comment      | int i; // org.spm4j.internal.farm.FarmCore",
        "a string            | String s = \"/* org.spm4j.internal.farm.FarmCore\";",
        "a character         | char c = '\"'; String s = \"org.spm4j.cli.Spm\";",
        "a text block        | String s = \"\"\"\\n  org.spm4j.internal.farm.FarmCore\"\"\";",
    })
    void shouldIgnoreWhatIsNoReference(final String what, final String line)
    {
        assertEquals(List.of(), breachesOfCodec(line.replace("\\n", "\n")), what);
    }

    private static List<String> breachesOfCodec(final String line)
    {
        return breaches(Path.of("codec", "X.java"), "package org.spm4j.internal.codec;\n\n" + line + "\n");
    }

    private static List<String> breaches(final Path file, final String source)
    {
        final String layer = layerOf(file);
        final Set<String> allowed = MAY_IMPORT.getOrDefault(layer, Set.of());
        final String code = withoutCommentsAndLiterals(source);
        final List<String> breaches = new ArrayList<>();
        final Matcher internal = INTERNAL_REFERENCE.matcher(code);
        while (internal.find())
        {
            final String target = internal.group(1).isEmpty() ? ROOT : internal.group(1).substring(1).split("\\.")[0];
            if (!target.equals(layer) && !allowed.contains(target))
            {
                breaches.add(where(file, code, internal.start()) + " imports " + internal.group() + ": " + layer +
                    " may import " + (allowed.isEmpty() ? "no internal package" : "only " + new TreeSet<>(allowed)));
            }
        }
        final Matcher cli = CLI_REFERENCE.matcher(code);
        while (cli.find())
        {
            breaches.add(where(file, code, cli.start()) + " imports " + cli.group() + ": no internal package may " +
                "import the command line");
        }
        return breaches;
    }

    /**
     * @param file a source relative to org/spm4j/internal.
     * @return its top-level internal package, {@link #ROOT} for org.spm4j.internal itself.
     */
    private static String layerOf(final Path file)
    {
        return 1 == file.getNameCount() ? ROOT : file.getName(0).toString();
    }

    private static String packageName(final Path directory)
    {
        final String relative = directory.toString().replace('\\', '/').replace('/', '.');
        return relative.isEmpty() ? "org.spm4j.internal" : "org.spm4j.internal." + relative;
    }

    private static String where(final Path file, final String code, final int index)
    {
        int line = 1;
        for (int i = 0; i < index; i++)
        {
            line += '\n' == code.charAt(i) ? 1 : 0;
        }
        return file.toString().replace('\\', '/') + ":" + line;
    }

    /**
     * @return the source with comments, string, text block and character literals blanked, its lines kept.
     */
    private static String withoutCommentsAndLiterals(final String source)
    {
        final char[] code = source.toCharArray();
        int i = 0;
        while (i < code.length)
        {
            if (at(code, i, "//"))
            {
                i = blank(code, i, 2, "\n");
            }
            else if (at(code, i, "/*"))
            {
                i = blank(code, i, 2, "*/");
            }
            else if (at(code, i, "\"\"\""))
            {
                i = blank(code, i, 3, "\"\"\"");
            }
            else if ('"' == code[i] || '\'' == code[i])
            {
                i = blank(code, i, 1, String.valueOf(code[i]));
            }
            else
            {
                i++;
            }
        }
        return new String(code);
    }

    /**
     * Blank what opens at {@code start} with {@code opening} characters up to {@code end}, which a line comment
     * leaves, skipping what a backslash escapes in literals, keeping line breaks.
     *
     * @return the index just past it.
     */
    private static int blank(final char[] code, final int start, final int opening, final String end)
    {
        final boolean comment = "\n".equals(end) || "*/".equals(end);
        int i = start + opening;
        while (i < code.length && !at(code, i, end))
        {
            i += !comment && '\\' == code[i] ? 2 : 1;
        }
        final int stop = Math.min(code.length, "\n".equals(end) ? i : i + end.length());
        for (int j = start; j < stop; j++)
        {
            code[j] = '\n' == code[j] ? '\n' : ' ';
        }
        return stop;
    }

    private static boolean at(final char[] code, final int index, final String token)
    {
        return code.length - index >= token.length() &&
            token.equals(new String(code, index, token.length()));
    }

    private static List<Path> internalSources()
    {
        assertTrue(Files.isDirectory(INTERNAL), "no main sources at " + INTERNAL.toAbsolutePath());
        try (Stream<Path> files = Files.walk(INTERNAL))
        {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

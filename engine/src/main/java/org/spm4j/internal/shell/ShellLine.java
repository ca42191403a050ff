package org.spm4j.internal.shell;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;

/**
 * What runs a shell line given as bytes. A process's arguments reach it encoded in the charset of the locale
 * ({@code sun.jnu.encoding}), which cannot carry every byte: under {@code LC_ALL=C} anything past ASCII would
 * become {@code ?}, and invalid UTF-8 would be replaced under a UTF-8 locale. A line the charset carries goes to
 * {@code sh -c} as it is; any other is written as a {@code printf} format of ASCII octal escapes, which the shell
 * turns back into the same bytes and evaluates, so it runs as {@code sh -c} would run it.
 */
public final class ShellLine
{
    private static final Charset ARGUMENT_CHARSET = findArgumentCharset();
    private static final int FIRST_NON_ASCII = 0x80;

    private ShellLine()
    {
    }

    /**
     * @param line the bytes of a shell line, without NUL.
     * @return the program and arguments that run it.
     */
    static List<String> argv(final byte[] line)
    {
        final String text = new String(line, ARGUMENT_CHARSET);
        if (Arrays.equals(text.getBytes(ARGUMENT_CHARSET), line))
        {
            return List.of(ProcessTree.SH, "-c", text);
        }
        return List.of(ProcessTree.SH, "-c", "eval \"$(printf '" + printfFormat(line) + "')\"");
    }

    /**
     * @return a format, safe inside single quotes, that printf writes as exactly these bytes.
     */
    static String printfFormat(final byte[] line)
    {
        final StringBuilder format = new StringBuilder(line.length * 2);
        for (final byte b : line)
        {
            final int value = b & 0xFF;
            if (value >= FIRST_NON_ASCII || '\'' == value || '\\' == value || '%' == value || value < ' ')
            {
                format.append('\\').append(Integer.toOctalString(0x200 | value), 1, 4);
            }
            else
            {
                format.append((char)value);
            }
        }
        return format.toString();
    }

    /**
     * @return the charset the JVM encodes a process's arguments in, and decoded its own in.
     */
    public static Charset argumentCharset()
    {
        return ARGUMENT_CHARSET;
    }

    private static Charset findArgumentCharset()
    {
        try
        {
            return Charset.forName(System.getProperty("sun.jnu.encoding"));
        }
        catch (final RuntimeException ex)
        {
            return Charset.defaultCharset();
        }
    }
}

package org.spm4j.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands of a run of {@code spm shell}, cut from the bytes of their input as {@code /bin/sh} reads a
 * script: only {@code \n} ends a line, and a line's bytes are kept as they are, whatever the locale. Blank lines
 * and lines whose first non-blank byte is {@code #} are skipped; a trailing {@code \r} is kept, as GNU parallel
 * keeps it, unless asked to strip it. Input holding a NUL byte is not text, and is refused.
 */
final class ShellInput
{
    private static final byte NEWLINE = '\n';
    private static final byte CARRIAGE_RETURN = '\r';

    private ShellInput()
    {
    }

    /**
     * A command and where it came from.
     *
     * @param number its line in the input, or its argument's, counted from 1.
     * @param line   its bytes, without the ending {@code \n}.
     */
    record Job(int number, byte[] line)
    {
    }

    /**
     * @param input   the whole input.
     * @param name    what the input is, for messages.
     * @param stripCr true to drop a {@code \r} that ends a line.
     * @return its lines, numbered, blank ones and comments skipped.
     * @throws BadInputException if the input holds a NUL byte.
     */
    static List<Job> commands(final byte[] input, final String name, final boolean stripCr)
    {
        return lines(input, name, stripCr, true);
    }

    /**
     * @param input   the whole input.
     * @param name    what the input is, for messages.
     * @param stripCr true to drop a {@code \r} that ends a line.
     * @return its lines, numbered, every one an argument, blank or not.
     * @throws BadInputException if the input holds a NUL byte.
     */
    static List<Job> arguments(final byte[] input, final String name, final boolean stripCr)
    {
        return lines(input, name, stripCr, false);
    }

    private static List<Job> lines(final byte[] input, final String name, final boolean stripCr, final boolean skip)
    {
        final List<Job> lines = new ArrayList<>();
        int number = 0;
        for (int start = 0; start < input.length;)
        {
            number++;
            int end = start;
            while (end < input.length && NEWLINE != input[end])
            {
                if (0 == input[end])
                {
                    throw new BadInputException(name + " holds a NUL byte on line " + number +
                        ": it is binary, not lines of text");
                }
                end++;
            }
            final int length = (stripCr && end > start && CARRIAGE_RETURN == input[end - 1] ? end - 1 : end) - start;
            if (!skip || !isBlankOrComment(input, start, length))
            {
                final byte[] line = new byte[length];
                System.arraycopy(input, start, line, 0, length);
                lines.add(new Job(number, line));
            }
            start = end + 1;
        }
        return lines;
    }

    private static boolean isBlankOrComment(final byte[] input, final int start, final int length)
    {
        for (int i = start; i < start + length; i++)
        {
            final byte b = input[i];
            if (' ' != b && '\t' != b && CARRIAGE_RETURN != b && '\f' != b && 0x0B != b)
            {
                return '#' == b;
            }
        }
        return true;
    }
}

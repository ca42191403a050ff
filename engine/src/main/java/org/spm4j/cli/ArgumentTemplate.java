package org.spm4j.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A command line with places for an argument, as GNU parallel's: {@code {}} the argument, {@code {.}} without
 * its extension, {@code {/}} its base name, {@code {//}} its directory, {@code {/.}} its base name without
 * extension, {@code {#}} the job's number. A template without any gets the argument appended after a space.
 * Arguments are quoted for the shell, so that each stays one word whatever it holds. Works on bytes.
 */
final class ArgumentTemplate
{
    private static final String[] PLACES = {"{}", "{.}", "{/}", "{//}", "{/.}", "{#}"};

    private final byte[] template;
    private final boolean hasPlace;

    /**
     * @param template the command line's bytes.
     */
    ArgumentTemplate(final byte[] template)
    {
        this.template = template.clone();
        this.hasPlace = Arrays.stream(PLACES).anyMatch(place -> indexOf(template, place, 0) >= 0);
    }

    /**
     * @param argument  an argument's bytes.
     * @param jobNumber the job's number, from 1.
     * @return the command line for it.
     */
    byte[] apply(final byte[] argument, final int jobNumber)
    {
        final ByteArrayOutputStream line = new ByteArrayOutputStream(template.length + argument.length + 8);
        if (!hasPlace)
        {
            line.writeBytes(template);
            line.write(' ');
            line.writeBytes(quoted(argument));
            return line.toByteArray();
        }
        int from = 0;
        for (int i = 0; i < template.length;)
        {
            final String place = placeAt(i);
            if (null == place)
            {
                i++;
                continue;
            }
            line.write(template, from, i - from);
            line.writeBytes(replacement(place, argument, jobNumber));
            i += place.length();
            from = i;
        }
        line.write(template, from, template.length - from);
        return line.toByteArray();
    }

    private String placeAt(final int index)
    {
        for (final String place : PLACES)
        {
            if (indexOf(template, place, index) == index)
            {
                return place;
            }
        }
        return null;
    }

    private static byte[] replacement(final String place, final byte[] argument, final int jobNumber)
    {
        return switch (place)
        {
            case "{#}" -> Integer.toString(jobNumber).getBytes(StandardCharsets.US_ASCII);
            case "{.}" -> quoted(withoutExtension(argument, 0));
            case "{/}" -> quoted(Arrays.copyOfRange(argument, baseStart(argument), argument.length));
            case "{//}" -> quoted(directory(argument));
            case "{/.}" -> quoted(withoutExtension(argument, baseStart(argument)));
            default -> quoted(argument);
        };
    }

    private static int baseStart(final byte[] argument)
    {
        return lastIndexOf(argument, (byte)'/', argument.length) + 1;
    }

    private static byte[] withoutExtension(final byte[] argument, final int from)
    {
        final int dot = lastIndexOf(argument, (byte)'.', argument.length);
        final int end = dot > baseStart(argument) ? dot : argument.length;
        return Arrays.copyOfRange(argument, from, end);
    }

    private static byte[] directory(final byte[] argument)
    {
        final int slash = lastIndexOf(argument, (byte)'/', argument.length);
        return slash < 0 ? new byte[] {'.'} : slash == 0 ? new byte[] {'/'} : Arrays.copyOf(argument, slash);
    }

    /**
     * @return the bytes as one shell word: as they are if plain, else in single quotes.
     */
    static byte[] quoted(final byte[] word)
    {
        boolean plain = word.length > 0;
        for (final byte b : word)
        {
            plain &= Character.isLetterOrDigit(b) || "_@%+=:,./-".indexOf(b) >= 0;
        }
        if (plain)
        {
            return word;
        }
        final ByteArrayOutputStream quoted = new ByteArrayOutputStream(word.length + 2);
        quoted.write('\'');
        for (final byte b : word)
        {
            if ('\'' == b)
            {
                quoted.writeBytes(new byte[] {'\'', '\\', '\'', '\''});
            }
            else
            {
                quoted.write(b);
            }
        }
        quoted.write('\'');
        return quoted.toByteArray();
    }

    private static int indexOf(final byte[] bytes, final String text, final int from)
    {
        outer:
        for (int i = from; i <= bytes.length - text.length(); i++)
        {
            for (int j = 0; j < text.length(); j++)
            {
                if (bytes[i + j] != text.charAt(j))
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(final byte[] bytes, final byte b, final int before)
    {
        for (int i = before - 1; i >= 0; i--)
        {
            if (bytes[i] == b)
            {
                return i;
            }
        }
        return -1;
    }
}

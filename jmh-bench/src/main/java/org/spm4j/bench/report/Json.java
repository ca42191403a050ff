package org.spm4j.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for the result files: a parser of JMH's and the probes' output into maps, lists,
 * strings, doubles, booleans and nulls, and a writer of one object of named numbers. Stateless.
 */
public final class Json
{
    private final String text;
    private int position;

    private Json(final String text)
    {
        this.text = text;
    }

    /**
     * @param text a JSON document.
     * @return its value: a {@link Map}, {@link List}, {@link String}, {@link Double}, {@link Boolean} or null.
     * @throws IllegalArgumentException naming the offset of the first thing that is not JSON.
     */
    public static Object parse(final String text)
    {
        final Json json = new Json(text);
        final Object value = json.value();
        json.skipSpace();
        if (json.position != text.length())
        {
            throw json.error("end of document");
        }
        return value;
    }

    /**
     * @param name   the name of the one field.
     * @param values named numbers.
     * @return {@code {"name": {"key": value, ...}}} on several lines.
     */
    public static String object(final String name, final Map<String, Double> values)
    {
        final StringBuilder out = new StringBuilder("{\n \"").append(name).append("\": {");
        String separator = "\n";
        for (final Map.Entry<String, Double> entry : values.entrySet())
        {
            out.append(separator).append("  \"").append(entry.getKey()).append("\": ").append(entry.getValue());
            separator = ",\n";
        }
        return out.append("\n }\n}\n").toString();
    }

    private Object value()
    {
        skipSpace();
        if (position >= text.length())
        {
            throw error("a value");
        }
        final char next = text.charAt(position);
        switch (next)
        {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            default:
                return literal();
        }
    }

    private Map<String, Object> object()
    {
        final Map<String, Object> fields = new LinkedHashMap<>();
        position++;
        skipSpace();
        if (consume('}'))
        {
            return fields;
        }
        do
        {
            skipSpace();
            if (position >= text.length() || text.charAt(position) != '"')
            {
                throw error("a field name");
            }
            final String name = string();
            skipSpace();
            expect(':');
            fields.put(name, value());
            skipSpace();
        }
        while (consume(','));
        expect('}');
        return fields;
    }

    private List<Object> array()
    {
        final List<Object> elements = new ArrayList<>();
        position++;
        skipSpace();
        if (consume(']'))
        {
            return elements;
        }
        do
        {
            elements.add(value());
            skipSpace();
        }
        while (consume(','));
        expect(']');
        return elements;
    }

    private String string()
    {
        final StringBuilder out = new StringBuilder();
        position++;
        while (position < text.length())
        {
            final char next = text.charAt(position++);
            if ('"' == next)
            {
                return out.toString();
            }
            if ('\\' != next)
            {
                out.append(next);
                continue;
            }
            if (position >= text.length())
            {
                break;
            }
            final char escaped = text.charAt(position++);
            switch (escaped)
            {
                case 'n':
                    out.append('\n');
                    break;
                case 't':
                    out.append('\t');
                    break;
                case 'r':
                    out.append('\r');
                    break;
                case 'b':
                    out.append('\b');
                    break;
                case 'f':
                    out.append('\f');
                    break;
                case 'u':
                    if (position + 4 > text.length())
                    {
                        throw error("four hex digits");
                    }
                    out.append((char)Integer.parseInt(text.substring(position, position + 4), 16));
                    position += 4;
                    break;
                default:
                    out.append(escaped);
            }
        }
        throw error("the end of a string");
    }

    private Object literal()
    {
        final int start = position;
        while (position < text.length() && ",]} \t\r\n".indexOf(text.charAt(position)) < 0)
        {
            position++;
        }
        final String word = text.substring(start, position);
        switch (word)
        {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "null":
                return null;
            default:
                try
                {
                    return Double.parseDouble(word);
                }
                catch (final NumberFormatException ex)
                {
                    position = start;
                    throw error("a value");
                }
        }
    }

    private void skipSpace()
    {
        while (position < text.length() && Character.isWhitespace(text.charAt(position)))
        {
            position++;
        }
    }

    private boolean consume(final char expected)
    {
        if (position < text.length() && text.charAt(position) == expected)
        {
            position++;
            return true;
        }
        return false;
    }

    private void expect(final char expected)
    {
        if (!consume(expected))
        {
            throw error("'" + expected + "'");
        }
    }

    private IllegalArgumentException error(final String expected)
    {
        return new IllegalArgumentException("not JSON: expected " + expected + " at offset " + position);
    }
}

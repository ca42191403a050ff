package org.spm4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one JSON object, strictly enough to prove {@code --json} output is JSON: strings with escapes,
 * integers, null, booleans, arrays and nested objects. Anything else is an {@link IllegalArgumentException}.
 */
final class JsonLine
{
    private final String text;
    private int at;

    private JsonLine(final String text)
    {
        this.text = text;
    }

    static Map<String, Object> parse(final String line)
    {
        final JsonLine parser = new JsonLine(line.strip());
        final Object value = parser.value();
        if (parser.at != parser.text.length() || !(value instanceof Map))
        {
            throw new IllegalArgumentException("not one JSON object: " + line);
        }
        @SuppressWarnings("unchecked")
        final Map<String, Object> object = (Map<String, Object>)value;
        return object;
    }

    private Object value()
    {
        final char c = peek();
        if ('{' == c)
        {
            return object();
        }
        if ('[' == c)
        {
            return array();
        }
        if ('"' == c)
        {
            return string();
        }
        for (final String literal : new String[] {"null", "true", "false"})
        {
            if (text.startsWith(literal, at))
            {
                at += literal.length();
                return "null".equals(literal) ? null : Boolean.valueOf(literal);
            }
        }
        final int start = at;
        if ('-' == peek())
        {
            at++;
        }
        while (at < text.length() && Character.isDigit(text.charAt(at)))
        {
            at++;
        }
        if (start == at)
        {
            throw new IllegalArgumentException("unexpected '" + c + "' at " + at + " in " + text);
        }
        return Long.parseLong(text.substring(start, at));
    }

    private Map<String, Object> object()
    {
        final Map<String, Object> object = new LinkedHashMap<>();
        expect('{');
        if ('}' == peek())
        {
            at++;
            return object;
        }
        do
        {
            final String name = string();
            expect(':');
            object.put(name, value());
        }
        while (comma());
        expect('}');
        return object;
    }

    private List<Object> array()
    {
        final List<Object> array = new ArrayList<>();
        expect('[');
        if (']' == peek())
        {
            at++;
            return array;
        }
        do
        {
            array.add(value());
        }
        while (comma());
        expect(']');
        return array;
    }

    private String string()
    {
        expect('"');
        final StringBuilder value = new StringBuilder();
        while (true)
        {
            final char c = text.charAt(at++);
            if ('"' == c)
            {
                return value.toString();
            }
            if (c < 0x20)
            {
                throw new IllegalArgumentException("unescaped control character at " + (at - 1) + " in " + text);
            }
            if ('\\' != c)
            {
                value.append(c);
                continue;
            }
            final char escaped = text.charAt(at++);
            switch (escaped)
            {
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'u' ->
                {
                    value.append((char)Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                }
                case '"', '\\', '/' -> value.append(escaped);
                default -> throw new IllegalArgumentException("bad escape at " + (at - 1) + " in " + text);
            }
        }
    }

    private boolean comma()
    {
        if (',' == peek())
        {
            at++;
            return true;
        }
        return false;
    }

    private void expect(final char c)
    {
        if (c != peek())
        {
            throw new IllegalArgumentException("expected '" + c + "' at " + at + " in " + text);
        }
        at++;
    }

    private char peek()
    {
        while (at < text.length() && Character.isWhitespace(text.charAt(at)))
        {
            at++;
        }
        if (at >= text.length())
        {
            throw new IllegalArgumentException("unexpected end of " + text);
        }
        return text.charAt(at);
    }
}

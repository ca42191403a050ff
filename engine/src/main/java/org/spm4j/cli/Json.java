package org.spm4j.cli;

import java.util.Collection;

/**
 * Writes one JSON object on one line, field by field, for {@code --json} output. Not thread-safe.
 */
final class Json
{
    private final StringBuilder text = new StringBuilder("{");

    Json field(final String name, final String value)
    {
        name(name);
        if (null == value)
        {
            text.append("null");
        }
        else
        {
            string(value);
        }
        return this;
    }

    Json field(final String name, final long value)
    {
        name(name);
        text.append(value);
        return this;
    }

    Json field(final String name, final Collection<String> values)
    {
        name(name);
        text.append('[');
        boolean first = true;
        for (final String value : values)
        {
            if (!first)
            {
                text.append(',');
            }
            string(value);
            first = false;
        }
        text.append(']');
        return this;
    }

    Json field(final String name, final boolean value)
    {
        name(name);
        text.append(value);
        return this;
    }

    /**
     * @param name  the field's name.
     * @param value JSON text already, such as a nested object or array.
     * @return this.
     */
    Json raw(final String name, final String value)
    {
        name(name);
        text.append(value);
        return this;
    }

    @Override
    public String toString()
    {
        return text + "}";
    }

    private void name(final String name)
    {
        if (text.length() > 1)
        {
            text.append(',');
        }
        string(name);
        text.append(':');
    }

    private void string(final String value)
    {
        text.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        text.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}

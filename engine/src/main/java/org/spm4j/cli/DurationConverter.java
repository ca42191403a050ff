package org.spm4j.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a positive duration as people write it: {@code 500ms}, {@code 30s}, {@code 1.5s}, {@code 2m},
 * {@code 1h}, a bare number of seconds, or ISO-8601 ({@code PT30S}).
 */
public final class DurationConverter implements ITypeConverter<Duration>
{
    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    @Override
    public Duration convert(final String value)
    {
        final Duration duration = parse(value.strip().toLowerCase(Locale.ROOT));
        if (duration.isNegative() || duration.isZero())
        {
            throw new TypeConversionException("'" + value + "' is not a positive duration");
        }
        return duration;
    }

    private static Duration parse(final String value)
    {
        final Matcher amount = AMOUNT.matcher(value);
        if (amount.matches())
        {
            final BigDecimal number = new BigDecimal(amount.group(1));
            final String unit = null == amount.group(2) ? "s" : amount.group(2);
            final long millisPerUnit = switch (unit)
            {
                case "ms" -> 1;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 1_000;
            };
            return Duration.ofMillis(number.multiply(BigDecimal.valueOf(millisPerUnit)).longValue());
        }
        try
        {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        }
        catch (final DateTimeParseException ex)
        {
            throw new TypeConversionException("'" + value + "' is not a duration such as 500ms, 30s, 2m, 1h or PT30S");
        }
    }
}

package org.spm4j.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * When {@code spm shell} stops early, as GNU parallel's {@code --halt}: {@code now,fail=1} stops at the first
 * failure, killing the commands that run; {@code soon,fail=3} starts no new command after the third failure and
 * lets the running ones end; {@code now,fail=10%} stops once a tenth of the commands have failed (counted once
 * at least that many have ended); {@code now,success=1} stops at the first success.
 *
 * @param now       true to kill the running commands, false to let them end.
 * @param onFailure true to count failures, false to count successes.
 * @param count     how many, when not a percentage.
 * @param percent   how many in percent of the commands, or -1.
 */
record HaltCondition(boolean now, boolean onFailure, int count, int percent)
{
    /**
     * @param done   commands ended so far, failed or not.
     * @param failed commands failed so far.
     * @param total  commands in the run.
     * @return true if the run must stop.
     */
    boolean isMet(final int done, final int failed, final int total)
    {
        final int counted = onFailure ? failed : done - failed;
        if (percent < 0)
        {
            return counted >= count;
        }
        return counted > 0 && 100L * counted >= (long)percent * total;
    }

    /**
     * @return how it was written.
     */
    @Override
    public String toString()
    {
        return (now ? "now" : "soon") + (onFailure ? ",fail=" : ",success=") + (percent < 0 ? count : percent + "%");
    }

    /**
     * Reads {@code now|soon,fail|success=N|N%}.
     */
    static final class Converter implements ITypeConverter<HaltCondition>
    {
        private static final Pattern FORM = Pattern.compile("(now|soon),(fail|success)=(\\d{1,9})(%?)");

        @Override
        public HaltCondition convert(final String value)
        {
            final Matcher form = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
            if (!form.matches())
            {
                throw new TypeConversionException("'" + value + "' is not now|soon,fail|success=N or N%, " +
                    "e.g. now,fail=1");
            }
            final int amount = Integer.parseInt(form.group(3));
            final boolean percent = !form.group(4).isEmpty();
            if (0 == amount || percent && amount > 100)
            {
                throw new TypeConversionException("'" + value + "' must count 1 or more" +
                    (percent ? ", and at most 100%" : ""));
            }
            return new HaltCondition("now".equals(form.group(1)), "fail".equals(form.group(2)),
                percent ? 0 : amount, percent ? amount : -1);
        }
    }
}

package org.spm4j.internal.journal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What a failure record says of an exception, found without trusting the exception: a task's exception
 * class may override {@code getMessage}, {@code toString}, {@code getStackTrace} or {@code getCause} with
 * code that throws, and its causes may form a cycle, never end, or carry thousands of suppressed
 * exceptions. Each call is guarded, a call that throws is written down as such (e.g.
 * {@code <getMessage() threw java.lang.IllegalStateException: no>}), and the text is bounded. The text
 * has the layout of {@link Throwable#printStackTrace()}, which {@link RemoteStackTraces} reads back.
 * Stateless; any thread.
 */
public final class ThrowableText
{
    /** Most characters of a stack trace text; the journal cuts a record further if it must. */
    static final int MAX_CHARS = 1 << 20;
    /** Most exceptions, causes and suppressed ones together, a text shows. */
    static final int MAX_THROWABLES = 256;
    /** Most suppressed exceptions shown of any one exception. */
    static final int MAX_SUPPRESSED = 32;
    /** Most frames shown of any one exception, as the JVM's own default depth. */
    static final int MAX_FRAMES = 1024;

    private static final int MAX_SECONDARY_MESSAGE_CHARS = 1_000;
    private static final StackTraceElement[] NO_FRAMES = new StackTraceElement[0];

    private final StringBuilder text = new StringBuilder(1024);
    private final Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean full;
    private boolean tooMany;

    private ThrowableText()
    {
    }

    /**
     * @param throwable an exception.
     * @return its message, null if it has none, or what {@code getMessage()} threw.
     */
    public static String message(final Throwable throwable)
    {
        try
        {
            return throwable.getMessage();
        }
        catch (final Throwable ex)
        {
            return threw("getMessage()", ex);
        }
    }

    /**
     * @param throwable an exception.
     * @return its {@code toString()}, or its class and guarded message if that throws.
     */
    public static String header(final Throwable throwable)
    {
        try
        {
            return String.valueOf(throwable.toString());
        }
        catch (final Throwable ex)
        {
            final String message;
            try
            {
                message = throwable.getMessage();
            }
            catch (final Throwable messageFailure)
            {
                return throwable.getClass().getName() + ": " + threw("getMessage()", messageFailure);
            }
            return throwable.getClass().getName() + (null == message ? "" : ": " + message) + " " +
                threw("toString()", ex);
        }
    }

    /**
     * @param throwable an exception.
     * @return its stack trace text with causes and suppressed exceptions, at most {@link #MAX_CHARS} long.
     */
    public static String stackTrace(final Throwable throwable)
    {
        final ThrowableText text = new ThrowableText();
        text.print(throwable, NO_FRAMES, "", "");
        return text.text.toString();
    }

    private void print(final Throwable throwable, final StackTraceElement[] enclosing, final String caption,
        final String prefix)
    {
        if (!seen.add(throwable))
        {
            line(prefix + caption + "[CIRCULAR REFERENCE: " + header(throwable) + "]");
            return;
        }
        if (seen.size() > MAX_THROWABLES)
        {
            if (!tooMany)
            {
                tooMany = true;
                line(prefix + "\t... further causes and suppressed exceptions not shown: over " + MAX_THROWABLES);
            }
            return;
        }
        line(prefix + caption + header(throwable));
        final StackTraceElement[] frames = frames(throwable, prefix);
        int last = frames.length - 1;
        for (int enclosed = enclosing.length - 1; last >= 0 && enclosed >= 0 &&
            frames[last].equals(enclosing[enclosed]); enclosed--)
        {
            last--;
        }
        for (int i = 0; i <= last && !full; i++)
        {
            line(prefix + "\tat " + frames[i]);
        }
        if (last < frames.length - 1)
        {
            line(prefix + "\t... " + (frames.length - 1 - last) + " more");
        }
        printSuppressed(throwable, frames, prefix);
        final Throwable cause = cause(throwable, prefix);
        if (null != cause && !full)
        {
            print(cause, frames, "Caused by: ", prefix);
        }
    }

    private void printSuppressed(final Throwable throwable, final StackTraceElement[] frames, final String prefix)
    {
        final Throwable[] suppressed = throwable.getSuppressed();
        final int shown = Math.min(suppressed.length, MAX_SUPPRESSED);
        for (int i = 0; i < shown && !full; i++)
        {
            print(suppressed[i], frames, "Suppressed: ", prefix + "\t");
        }
        if (shown < suppressed.length)
        {
            line(prefix + "\t... " + (suppressed.length - shown) + " more suppressed exceptions not shown");
        }
    }

    private StackTraceElement[] frames(final Throwable throwable, final String prefix)
    {
        try
        {
            final StackTraceElement[] frames = throwable.getStackTrace();
            if (null == frames)
            {
                return NO_FRAMES;
            }
            final int kept = Math.min(frames.length, MAX_FRAMES);
            final StackTraceElement[] nonNull = new StackTraceElement[kept];
            for (int i = 0; i < kept; i++)
            {
                nonNull[i] = null == frames[i] ? new StackTraceElement("<null frame>", "", null, -1) : frames[i];
            }
            return nonNull;
        }
        catch (final Throwable ex)
        {
            line(prefix + "\t" + threw("getStackTrace()", ex));
            return NO_FRAMES;
        }
    }

    private Throwable cause(final Throwable throwable, final String prefix)
    {
        try
        {
            return throwable.getCause();
        }
        catch (final Throwable ex)
        {
            line(prefix + "\t" + threw("getCause()", ex));
            return null;
        }
    }

    private void line(final String line)
    {
        if (full)
        {
            return;
        }
        final String note = "\t[stack trace cut at " + MAX_CHARS + " characters]" + System.lineSeparator();
        if (text.length() + line.length() + System.lineSeparator().length() + note.length() > MAX_CHARS)
        {
            text.append(note);
            full = true;
            return;
        }
        text.append(line).append(System.lineSeparator());
    }

    /**
     * What a guarded call threw, told without trusting that exception either.
     */
    private static String threw(final String call, final Throwable thrown)
    {
        String message;
        try
        {
            message = thrown.getMessage();
        }
        catch (final Throwable ex)
        {
            message = null;
        }
        if (null != message && message.length() > MAX_SECONDARY_MESSAGE_CHARS)
        {
            message = message.substring(0, MAX_SECONDARY_MESSAGE_CHARS) + "...";
        }
        return "<" + call + " threw " + thrown.getClass().getName() + (null == message ? "" : ": " + message) + ">";
    }
}

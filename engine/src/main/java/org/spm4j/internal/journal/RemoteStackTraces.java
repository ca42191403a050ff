package org.spm4j.internal.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.spm4j.RemoteTaskException;

/**
 * Rebuilds an exception from the stack trace text of a journal record, for when the original cannot be
 * deserialized on the hub: the top exception and its "Caused by" chain, each with its frames.
 */
public final class RemoteStackTraces
{
    private static final Pattern FRAME = Pattern.compile(
        "^\\s*at (?:[^/\\s]+/)?(?<class>[^\\s(]+)\\.(?<method>[^.\\s(]+)\\((?<location>[^)]*)\\)\\s*$");
    private static final String CAUSED_BY = "Caused by: ";

    private RemoteStackTraces()
    {
    }

    static RemoteTaskException rebuild(final String remoteClass, final String remoteMessage, final String text)
    {
        final List<String> headers = new ArrayList<>();
        final List<List<StackTraceElement>> frames = new ArrayList<>();
        headers.add(null);
        frames.add(new ArrayList<>());
        boolean inSuppressed = false;
        for (final String line : text.split("\\R"))
        {
            final String trimmed = line.trim();
            if (trimmed.startsWith(CAUSED_BY) && !line.startsWith("\t"))
            {
                headers.add(trimmed.substring(CAUSED_BY.length()));
                frames.add(new ArrayList<>());
                inSuppressed = false;
            }
            else if (trimmed.startsWith("Suppressed: "))
            {
                inSuppressed = true;
            }
            else if (!inSuppressed)
            {
                final Matcher frame = FRAME.matcher(line);
                if (frame.matches())
                {
                    frames.get(frames.size() - 1).add(element(frame));
                }
            }
        }

        RemoteTaskException cause = null;
        for (int i = headers.size() - 1; i >= 1; i--)
        {
            final String header = headers.get(i);
            final int colon = header.indexOf(": ");
            cause = new RemoteTaskException(colon < 0 ? header : header.substring(0, colon),
                colon < 0 ? null : header.substring(colon + 2), frames.get(i).toArray(new StackTraceElement[0]),
                cause);
        }
        return new RemoteTaskException(
            remoteClass, remoteMessage, frames.get(0).toArray(new StackTraceElement[0]), cause);
    }

    private static StackTraceElement element(final Matcher frame)
    {
        final String location = frame.group("location");
        final int colon = location.lastIndexOf(':');
        String file = location;
        int line = -1;
        if ("Native Method".equals(location))
        {
            file = null;
            line = -2;
        }
        else if ("Unknown Source".equals(location))
        {
            file = null;
        }
        else if (colon > 0)
        {
            file = location.substring(0, colon);
            try
            {
                line = Integer.parseInt(location.substring(colon + 1));
            }
            catch (final NumberFormatException ex)
            {
                file = location;
            }
        }
        return new StackTraceElement(frame.group("class"), frame.group("method"), file, line);
    }
}

package org.spm4j.cli.demo;

import java.io.IOException;
import java.io.Serial;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.spm4j.TaskClosure;

/**
 * Renders a band, except that one band fails on its first attempt: the demo's failing task. Attempts
 * may run on different spokes, so the first one leaves a marker file that later ones find.
 */
final class FlakyBand implements TaskClosure<Integer, int[]>
{
    @Serial
    private static final long serialVersionUID = 1L;

    private final MandelbrotView view;
    private final int flakyBand;
    private final String marker;

    FlakyBand(final MandelbrotView view, final int flakyBand, final Path marker)
    {
        this.view = view;
        this.flakyBand = flakyBand;
        this.marker = marker.toString();
    }

    @Override
    public int[] apply(final Integer band) throws IOException
    {
        if (band == flakyBand && firstAttempt())
        {
            throw new IllegalStateException("band " + band + " fails on its first attempt, as the demo asks " +
                "(pid " + ProcessHandle.current().pid() + ")");
        }
        return view.renderBand(band);
    }

    private boolean firstAttempt() throws IOException
    {
        try
        {
            Files.createFile(Path.of(marker));
            return true;
        }
        catch (final FileAlreadyExistsException ex)
        {
            return false;
        }
    }
}

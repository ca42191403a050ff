package org.spm4j.internal.shell;

import java.io.IOException;

import org.spm4j.ShellResult;
import org.spm4j.TaskClosure;

/**
 * The closure every shell farm of a pool runs: one command as a child process of the spoke. Captures
 * nothing; everything it needs comes with the {@link ShellJob}.
 */
public final class ShellTask implements TaskClosure<ShellJob, ShellResult>
{
    /** Name it is defined under, once per pool. */
    public static final String NAME = "spm4j.shell";

    private static final long serialVersionUID = 1L;

    @Override
    public ShellResult apply(final ShellJob job) throws IOException, InterruptedException
    {
        try
        {
            return new ShellProcess(job).run();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw ex;
        }
    }
}

package org.spm4j;

import java.nio.file.Path;
import java.util.List;

import org.spm4j.internal.LocalPool;

/**
 * A hub in its own JVM for {@link LocalPoolFaultTest}: starts a local pool of 2 under the given root,
 * prints its directory and spoke pids, and waits to be killed.
 */
public final class HubProgram
{
    private HubProgram()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        try (Pool pool = Pool.builder().spokes(2).root(Path.of(args[0])).build())
        {
            final LocalPool local = (LocalPool)pool;
            System.out.println("POOL " + local.directory());
            System.out.println("SPOKES " + List.of(local.spokePid(0), local.spokePid(1)));
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}

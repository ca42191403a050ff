package org.spm4j;

import java.nio.file.Path;

/**
 * A hub in its own JVM, started under a file size limit its pool file does not fit: builds a pool of one spoke
 * under the given root and prints BUILT, or FAILED and the exception on one line, then exits.
 */
public final class UnfitPoolHub
{
    private UnfitPoolHub()
    {
    }

    /**
     * @param args the pool root.
     */
    public static void main(final String[] args)
    {
        try (Pool pool = Pool.builder().spokes(1).root(Path.of(args[0])).build())
        {
            System.out.println("BUILT " + pool.id());
        }
        catch (final RuntimeException ex)
        {
            System.out.println("FAILED " + ex.toString().replace('\n', ' '));
        }
    }
}

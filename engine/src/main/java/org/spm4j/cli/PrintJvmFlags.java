package org.spm4j.cli;

import org.spm4j.shm.JvmFlags;

/**
 * Prints, one per line, the JVM flags a hub running on this JVM needs ({@link JvmFlags#required()}), so
 * that bin/spm passes the list the code keeps rather than a copy of it.
 */
public final class PrintJvmFlags
{
    private PrintJvmFlags()
    {
    }

    /**
     * @param args none.
     */
    public static void main(final String[] args)
    {
        JvmFlags.required().forEach(System.out::println);
    }
}

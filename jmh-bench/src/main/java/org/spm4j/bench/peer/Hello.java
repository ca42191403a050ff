package org.spm4j.bench.peer;

/**
 * The smallest Java program: prints hello. {@link JvmStartBenchmark} times a JVM that runs it.
 */
public final class Hello
{
    private Hello()
    {
    }

    public static void main(final String[] args)
    {
        System.out.println("hello");
    }
}

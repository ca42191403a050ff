package org.spm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class QuickStartTest
{
    private static final String EXPECTED = String.join(System.lineSeparator(),
        "squares: [1, 4, 9, 16, 25]",
        "failed: TASK_FAILED task 8 attempt 1 of 'no-threes': java.lang.IllegalArgumentException: three is not allowed",
        "");

    @Test
    @Timeout(60)
    void shouldPrintTheSameSeriallyAndOnTwoSpokes()
    {
        assertEquals(EXPECTED, run("serial"));
        assertEquals(EXPECTED, run());
    }

    private static String run(final String... args)
    {
        final PrintStream stdout = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            QuickStart.main(args);
        }
        finally
        {
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}

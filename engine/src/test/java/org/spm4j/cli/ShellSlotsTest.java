package org.spm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellSlotsTest
{
    @ParameterizedTest(name = "{0} commands, -n {1}, -j {2}: {3} spokes x {4}")
    @CsvSource(nullValues = "none", value = {
        "1,    4,  none, 0,  1",
        "1,    4,  64,   0,  1",
        "2,    4,  none, 2,  1",
        "100,  4,  none, 4,  1",
        "100,  2,  64,   2,  32",
        "100,  16, 64,   16, 4",
        "100,  16, 17,   1,  17",
        "100,  4,  6,    3,  2",
        "100,  4,  3,    3,  1",
        "10,   2,  64,   2,  5",
        "7,    16, 64,   7,  1",
    })
    void shouldSpreadTheJobsEvenlyOverAsManySpokesAsAllowed(
        final int commands, final int mostSpokes, final Integer jobs, final int spokes, final int perSpoke)
    {
        final ShellSlots slots = ShellSlots.of(commands, mostSpokes, jobs);

        assertEquals(new ShellSlots(spokes, perSpoke), slots);
        assertEquals(Math.max(1, spokes * perSpoke), slots.atOnce());
    }
}

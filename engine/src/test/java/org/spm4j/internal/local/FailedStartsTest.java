package org.spm4j.internal.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FailedStartsTest
{
    private final FailedStarts failedStarts = new FailedStarts();

    @Test
    void shouldGiveUpOnASpokeThatDiesBeforeReadyThreeTimesInARow()
    {
        assertTrue(failedStarts.died(true));
        assertTrue(failedStarts.died(true));
        assertFalse(failedStarts.died(true));
    }

    @Test
    void shouldCountOnlyDeathsInARowBeforeReady()
    {
        assertTrue(failedStarts.died(true));
        assertTrue(failedStarts.died(true));
        failedStarts.ready();
        assertTrue(failedStarts.died(false));
        assertTrue(failedStarts.died(true));
        assertTrue(failedStarts.died(true));
        assertTrue(failedStarts.died(false));
        assertFalse(failedStarts.died(true));
    }
}

package org.spm4j.internal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

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

    @Test
    void shouldDoubleTheBackoffWithEachDeathBeforeReadyUpToItsCap()
    {
        final List<Long> backoffs = new ArrayList<>();
        for (int death = 0; death < 8; death++)
        {
            failedStarts.died(true);
            backoffs.add(failedStarts.backoffMs());
        }

        assertEquals(List.of(50L, 100L, 200L, 400L, 400L, 400L, 400L, 400L), backoffs);
        failedStarts.ready();
        assertEquals(0, failedStarts.backoffMs());
    }
}

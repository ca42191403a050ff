package org.spm4j.internal.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.spm4j.ErrorPolicy;

/**
 * The default window follows the tasks: wide while they are short, narrow while they are long; a window the user
 * set stays as set.
 */
class AdaptiveWindowTest
{
    private static final long START_MS = 1_000;

    @Test
    void shouldWidenForShortTasksAndNarrowForLongOnes()
    {
        final AdaptiveWindow window = new AdaptiveWindow(FarmOptions.ADAPTIVE_WINDOW);
        assertEquals(AdaptiveWindow.NARROWEST, window.current(), "untimed");
        window.tick(START_MS, 2, true);

        window.ended(10_000);
        window.tick(START_MS + AdaptiveWindow.PERIOD_MS, 2, true);
        assertEquals(500, window.current(), "2 us a task on each of 2 spokes: 1 ms of them");

        window.ended(1_000_000);
        window.tick(START_MS + 2 * AdaptiveWindow.PERIOD_MS, 2, true);
        assertEquals(AdaptiveWindow.WIDEST, window.current());

        window.tick(START_MS + 3 * AdaptiveWindow.PERIOD_MS, 2, true);
        assertEquals(AdaptiveWindow.NARROWEST, window.current(), "nothing ended in a whole period: long tasks");
    }

    @Test
    void shouldKeepItsWidthWhileNothingRuns()
    {
        final AdaptiveWindow window = new AdaptiveWindow(FarmOptions.ADAPTIVE_WINDOW);
        window.tick(START_MS, 1, true);
        window.ended(1_000);
        window.tick(START_MS + AdaptiveWindow.PERIOD_MS, 1, true);

        window.tick(START_MS + 10 * AdaptiveWindow.PERIOD_MS, 1, false);

        assertEquals(100, window.current());
    }

    @Test
    void shouldKeepAWindowTheUserSet()
    {
        final AdaptiveWindow window = new AdaptiveWindow(7);
        window.tick(START_MS, 1, true);
        window.ended(1_000_000);
        window.tick(START_MS + AdaptiveWindow.PERIOD_MS, 1, true);

        assertEquals(7, window.current());
    }

    @Test
    void shouldKeepTheNarrowestWindowOnASerialPoolSoRunsRepeatExactly()
    {
        final FarmOptions adaptive = new FarmOptions("task farm", ErrorPolicy.failFast(), null, null,
            FarmOptions.ADAPTIVE_WINDOW, null);

        assertEquals(AdaptiveWindow.NARROWEST, adaptive.onSerialPool().window());
        assertEquals(9, new FarmOptions("task farm", ErrorPolicy.failFast(), null, null, 9, null).onSerialPool()
            .window(), "a window the user set is kept");
    }

    @Test
    void shouldSendMoreToASpokeOnceItsTasksTurnOutShort()
    {
        final FarmCoreFixture farm = FarmCoreFixture.spokes(1).window(FarmOptions.ADAPTIVE_WINDOW).build();
        final List<FarmTask> tasks = farm.submit(1_200);
        int completed = 0;
        farm.doWork();
        while (completed < 1_000)
        {
            for (final FakeTransport.Batch batch : farm.transport.takeBatches())
            {
                assertEquals(AdaptiveWindow.NARROWEST, batch.taskIds().size(), "untimed: the narrowest window");
                completed += batch.taskIds().size();
            }
            tasks.subList(completed - AdaptiveWindow.NARROWEST, completed).forEach(farm::complete);
            farm.doWork();
        }
        farm.transport.takeBatches();
        tasks.subList(completed, completed + AdaptiveWindow.NARROWEST).forEach(farm::complete);

        farm.advanceMs(AdaptiveWindow.PERIOD_MS);
        farm.doWork();

        assertEquals(100, farm.transport.takeBatches().get(0).taskIds().size(),
            "1,002 tasks ended in 10 ms: a window of 1 ms of them");
    }
}

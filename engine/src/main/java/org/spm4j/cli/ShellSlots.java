package org.spm4j.cli;

/**
 * How {@code spm shell} spreads the commands it runs at once over spokes: evenly, each spoke running as many, since a
 * shell farm's window is the same for every spoke. Commands are child processes: a spoke waits for them, so that
 * a spoke running many costs a thread each, not a JVM.
 *
 * @param spokes           spoke JVMs; 0 for a single command, run in spm's own process.
 * @param commandsPerSpoke commands each spoke runs at once.
 */
record ShellSlots(int spokes, int commandsPerSpoke)
{
    /** Most commands {@code -j} runs at once. */
    static final int MAX_JOBS = 1024;

    /**
     * @param commands   commands to run.
     * @param mostSpokes most spokes to start.
     * @param jobs       commands to run at once, {@code null} for one per spoke.
     * @return one spoke per command running at once when no more are asked for than {@code mostSpokes}; else the
     *         most spokes, up to {@code mostSpokes}, that divide the commands running at once evenly.
     */
    static ShellSlots of(final int commands, final int mostSpokes, final Integer jobs)
    {
        if (commands <= 1)
        {
            return new ShellSlots(0, 1);
        }
        if (null == jobs)
        {
            return new ShellSlots(Math.min(mostSpokes, commands), 1);
        }
        final int atOnce = Math.min(jobs, commands);
        int spokes = Math.min(mostSpokes, atOnce);
        while (0 != atOnce % spokes)
        {
            spokes--;
        }
        return new ShellSlots(spokes, atOnce / spokes);
    }

    /**
     * @return commands run at once.
     */
    int atOnce()
    {
        return Math.max(1, spokes * commandsPerSpoke);
    }

    /**
     * @return true if the commands run in spm's own process.
     */
    boolean isSerial()
    {
        return 0 == spokes;
    }
}

package org.spm4j.internal.shell;

import java.time.Duration;
import java.util.function.Consumer;

import org.spm4j.ErrorPolicy;
import org.spm4j.TaskStatus;
import org.spm4j.internal.farm.FarmOptions;

/**
 * Options a shell farm comes online with.
 *
 * @param errorPolicy      what to do with failed commands.
 * @param deadline         deadline of commands without their own, null for none.
 * @param outputCap        bytes kept per stream, {@link #DEFAULT_OUTPUT_CAP} for as much as a status message
 *                         carries.
 * @param onStatus         status callback, null for none.
 * @param window           most commands in flight per spoke.
 * @param commandsPerSpoke most commands a spoke runs at once.
 */
public record ShellFarmOptions(ErrorPolicy errorPolicy, Duration deadline, int outputCap,
    Consumer<TaskStatus> onStatus, int window, int commandsPerSpoke)
{
    /** Output cap that means "as much as a status message of the pool carries". */
    public static final int DEFAULT_OUTPUT_CAP = -1;

    /** Room in a status message for what a result holds besides its output: command, times, class names. */
    static final int RESULT_OVERHEAD = 4096;

    private static final int LARGEST_DEFAULT_CAP = 1 << 20;

    /**
     * The command's deadline is enforced by the spoke, which kills the command's process tree and
     * carries on; a farm deadline would kill the spoke instead and leave the command's children behind. A spoke
     * that runs several commands at once runs every command it is sent: its window is how many.
     *
     * @return the options of the task farm that runs the commands.
     */
    public FarmOptions farmOptions()
    {
        if (commandsPerSpoke > 1)
        {
            return new FarmOptions("shell farm", errorPolicy, null, onStatus, commandsPerSpoke, null)
                .withConcurrentTasks();
        }
        // a command runs for long and returns much: each goes alone
        return new FarmOptions("shell farm", errorPolicy, null, onStatus, window, null).withChunkSize(1);
    }

    /**
     * @param maxResultLength largest encoded result a status message of the pool carries.
     * @param inboxCapacity   the pool's inbox capacity, to say what to raise.
     * @return bytes kept per stream.
     * @throws IllegalArgumentException if the cap asked for does not fit a status message.
     */
    public int outputCapWithin(final int maxResultLength, final int inboxCapacity)
    {
        final int largest = Math.max(0, (maxResultLength - RESULT_OVERHEAD) / 2);
        if (DEFAULT_OUTPUT_CAP == outputCap)
        {
            return Math.min(LARGEST_DEFAULT_CAP, largest & ~1023);
        }
        if (outputCap > largest)
        {
            throw new IllegalArgumentException("outputCap of " + outputCap + " bytes per stream does not fit a " +
                "status message of a pool with an inbox capacity of " + inboxCapacity + " bytes, which carries " +
                largest + " bytes per stream; lower it or raise PoolBuilder.inboxCapacity");
        }
        return outputCap;
    }
}
